package org.spectralflow.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.spectralflow.model.Activation;
import org.spectralflow.model.Ensemble;
import org.spectralflow.model.Precision;
import org.spectralflow.model.Scaling;
import org.spectralflow.model.SweepGrid;
import org.spectralflow.model.WireEnum;

/** A sweep's grid as {@code runs/<sweep>/sweep.json}: everything needed to regenerate any of its matrices. */
public final class GridCodec {
    private GridCodec() {}

    public static ObjectNode encode(SweepGrid g) {
        ObjectNode o = Json.object();
        o.put("v", Json.VERSION);
        o.put("sweep", g.sweep());
        o.put("seed", g.seed());
        words(o.putArray("ensembles"), g.ensembles());
        ArrayNode n = o.putArray("sizes");
        g.sizes().forEach(n::add);
        o.put("scaling", g.scaling().wire());
        ArrayNode sc = o.putArray("scales");
        g.scales().forEach(sc::add);
        words(o.putArray("activations"), g.activations());
        words(o.putArray("precisions"), g.precisions());
        o.put("trials", g.trials());
        o.put("steps", g.steps());
        o.put("delta", g.delta());
        o.put("density", g.density());
        o.put("bias_std", g.biasStd());
        o.put("explode", g.explode());
        o.put("bin_width", g.binWidth());
        o.put("jacobian", g.independentJacobians() ? "independent" : "fixed");
        o.put("precision_budget", g.precisionBudget());
        OptionsCodec.write(o, g.options(), true);
        o.put("cells", g.cells());
        o.put("matrices", g.size());
        return o;
    }

    public static SweepGrid decode(byte[] bytes) {
        ObjectNode o = Json.parseObject(bytes);
        Fields f = Fields.of(o);
        f.requireVersion();
        List<Integer> sizes = new ArrayList<>();
        o.path("sizes").forEach(x -> sizes.add(x.asInt()));
        List<Double> scales = new ArrayList<>();
        o.path("scales").forEach(x -> scales.add(x.asDouble()));
        return new SweepGrid(f.string("sweep"), f.integer("seed"), list(o.path("ensembles"), Ensemble::parse), sizes,
                Scaling.parse(f.string("scaling")), scales, list(o.path("activations"), Activation::parse),
                list(o.path("precisions"), Precision::parse), (int) f.integer("trials"), (int) f.integer("steps"),
                f.number("delta"), f.number("density"), f.number("bias_std"), f.number("explode"), f.number("bin_width"),
                f.string("jacobian", "fixed").equals("independent"), (int) f.integer("precision_budget", 20_000),
                OptionsCodec.read(f, 0));
    }

    private static void words(ArrayNode a, List<? extends WireEnum> values) {
        values.forEach(v -> a.add(v.wire()));
    }

    private static <T> List<T> list(JsonNode a, Function<String, T> parse) {
        List<T> out = new ArrayList<>();
        a.forEach(x -> out.add(parse.apply(x.asText())));
        return out;
    }
}

package org.spectralflow.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.spectralflow.model.RecurrentCell;
import org.spectralflow.model.LayerReading;
import org.spectralflow.model.Regime;
import org.spectralflow.model.Trajectory;

/** {@code sf.health} records (key: model/layer): one per weights record. */
public final class HealthCodec {
    private HealthCodec() {}

    /**
     * @param regime null for a reading that decides none (a gated cell without Jacobians)
     * @param outOfOrder the step was not after the layer's newest: reported, left out of regime and trend
     */
    public static ObjectNode encode(LayerReading r, Regime regime, boolean outOfOrder) {
        ObjectNode o = Json.object();
        o.put("v", Json.VERSION);
        o.put("model", r.model());
        o.put("layer", r.layer());
        o.put("step", r.step());
        o.put("n", r.n());
        o.put("cell", r.cell().wire());
        if (r.cell().activation() != null) o.put("activation", r.cell().activation().wire());
        o.put("horizon", r.horizon());
        Json.put(o, "rho", r.rho());
        ObjectNode l1 = o.putObject("lambda1");
        Json.put(l1, "re", r.lambda1Re());
        Json.put(l1, "im", r.lambda1Im());
        Json.put(o, "sigma1", r.sigma1());
        Json.put(o, "departure", r.departure());
        o.put("contractive", r.contractive());
        Json.put(o, "growth_rate", r.regimeRate());
        Json.put(o, "predicted_gradient_ratio", r.predictedRatio());
        if (!r.cell().gated()) {
            Json.put(o, "linear_rate", r.linearRate());
            Json.put(o, "linear_gradient_ratio", r.linearRatio());
            String nonlinear = r.cell() == RecurrentCell.RNN_RELU ? "relu" : "tanh";
            Json.put(o, nonlinear + "_rate", r.nonlinearRate());
            Json.put(o, nonlinear + "_gradient_ratio", r.nonlinearRatio());
        } else {
            ObjectNode gates = o.putObject("gates");
            for (int g = 0; g < r.gateRho().length; g++) {
                ObjectNode gate = gates.putObject(r.cell().gates().get(g));
                Json.put(gate, "rho", r.gateRho()[g]);
                Json.put(gate, "sigma1", r.gateSigma1()[g]);
            }
        }
        Trajectory t = r.trajectory();
        if (t != null) {
            ObjectNode j = o.putObject("trajectory");
            j.put("k", t.k());
            j.put("m", t.m());
            Json.put(j, "rate", t.rate());
            Json.put(j, "sigma1_mean", t.sigma1Mean());
            Json.put(j, "rho_product", t.rhoProduct());
        }
        if (regime == null) o.putNull("regime");
        else o.put("regime", regime.wire());
        o.put("out_of_order", outOfOrder);
        return o;
    }

    /**
     * The {@code analyze} command's result for a layer of a cell: what a health record says, under
     * the analysis id, without the fields only a stream of records has (model, step, regime).
     */
    public static ObjectNode encodeLayer(LayerReading r, String id) {
        ObjectNode health = encode(r, null, false), o = Json.object();
        o.put("v", Json.VERSION);
        o.put("id", id);
        health.fields().forEachRemaining(e -> {
            if (!java.util.Set.of("v", "model", "layer", "step", "regime", "out_of_order").contains(e.getKey()))
                o.set(e.getKey(), e.getValue());
        });
        return o;
    }

    /** The fields a reader of the topic needs, for {@code watch} and tests. */
    public record Health(String model, String layer, long step, String cell, double rho, double sigma1, double growthRate,
                         double predictedRatio, String regime) {} // regime null, rates NaN: none decided

    public static Health decode(byte[] payload) {
        JsonNode o = Json.parseObject(payload);
        return new Health(o.path("model").asText(), o.path("layer").asText(), o.path("step").asLong(),
                o.path("cell").asText(o.path("activation").asText("tanh").equals("linear") ? "linear" : "rnn_tanh"),
                Json.readDouble(o.get("rho")), Json.readDouble(o.get("sigma1")), Json.readDouble(o.get("growth_rate")),
                Json.readDouble(o.get("predicted_gradient_ratio")), o.path("regime").isTextual() ? o.path("regime").asText() : null);
    }
}

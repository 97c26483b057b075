package org.spectralflow.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.spectralflow.model.LayerReading;
import org.spectralflow.model.Regime;

/** {@code sf.health} records (key: model/layer): one per weights record. */
public final class HealthCodec {
    private HealthCodec() {}

    /** @param outOfOrder the step was not after the layer's newest: reported, left out of regime and trend */
    public static ObjectNode encode(LayerReading r, Regime regime, boolean outOfOrder) {
        ObjectNode o = Json.object();
        o.put("v", Json.VERSION);
        o.put("model", r.model());
        o.put("layer", r.layer());
        o.put("step", r.step());
        o.put("n", r.n());
        o.put("activation", r.activation().wire());
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
        Json.put(o, "linear_rate", r.linearRate());
        Json.put(o, "linear_gradient_ratio", r.linearRatio());
        Json.put(o, "tanh_rate", r.tanhRate());
        Json.put(o, "tanh_gradient_ratio", r.tanhRatio());
        o.put("regime", regime.wire());
        o.put("out_of_order", outOfOrder);
        return o;
    }

    /** The fields a reader of the topic needs, for {@code watch} and tests. */
    public record Health(String model, String layer, long step, double rho, double sigma1, double growthRate,
                         double predictedRatio, String regime) {}

    public static Health decode(byte[] payload) {
        JsonNode o = Json.parseObject(payload);
        return new Health(o.path("model").asText(), o.path("layer").asText(), o.path("step").asLong(),
                Json.readDouble(o.get("rho")), Json.readDouble(o.get("sigma1")), Json.readDouble(o.get("growth_rate")),
                Json.readDouble(o.get("predicted_gradient_ratio")), o.path("regime").asText());
    }
}

package org.spectralflow.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.spectralflow.model.Alert;
import org.spectralflow.model.Regime;

/** {@code sf.alerts} records (key: model/layer). */
public final class AlertCodec {
    private AlertCodec() {}

    public static ObjectNode encode(Alert a) {
        ObjectNode o = Json.object();
        o.put("v", Json.VERSION);
        o.put("kind", a.kind());
        o.put("model", a.model());
        o.put("layer", a.layer());
        o.put("step", a.step());
        if (a.from() == null) o.putNull("from"); // a gated layer without Jacobians has no regime yet
        else o.put("from", a.from().wire());
        o.put("to", a.to().wire());
        Json.put(o, "rho", a.rho());
        Json.put(o, "growth_rate", a.rate());
        if (Double.isNaN(a.forecastStep())) o.putNull("forecast_step");
        else o.put("forecast_step", Math.round(a.forecastStep()));
        Json.put(o, "r2", a.r2());
        o.put("message", a.message());
        return o;
    }

    public static Alert decode(byte[] payload) {
        JsonNode o = Json.parseObject(payload);
        return new Alert(o.path("kind").asText(), o.path("model").asText(), o.path("layer").asText(),
                o.path("step").asLong(), o.path("from").isTextual() ? Regime.valueOf(o.path("from").asText().toUpperCase(java.util.Locale.ROOT)) : null,
                Regime.valueOf(o.path("to").asText().toUpperCase(java.util.Locale.ROOT)), Json.readDouble(o.get("rho")),
                Json.readDouble(o.get("growth_rate")), Json.readDouble(o.get("forecast_step")),
                Json.readDouble(o.get("r2")), o.path("message").asText());
    }
}

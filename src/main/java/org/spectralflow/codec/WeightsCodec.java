package org.spectralflow.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.spectralflow.model.Activation;
import org.spectralflow.model.Weights;

/** {@code sf.weights} records: required v, model, layer, step, n, data or data_b64; optional dtype, activation, horizon. */
public final class WeightsCodec {
    private WeightsCodec() {}

    public static Weights decode(byte[] payload, int maxN) {
        Preflight.check(payload, maxN);
        ObjectNode o = Json.parseObject(payload);
        Fields f = Fields.of(o);
        f.requireVersion();
        String model = f.string("model");
        String layer = f.string("layer");
        long step = f.integer("step");
        if (step < 0) throw new InvalidRecordException("step must be non-negative, got " + step);
        int n = MatrixCodec.size(f, maxN);
        Activation activation;
        try {
            activation = Activation.parse(f.string("activation", "tanh"));
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(e.getMessage());
        }
        int horizon = f.intIn("horizon", 1, 1_000_000, Weights.DEFAULT_HORIZON);
        try {
            org.spectralflow.model.AnalysisRequest.checkTrajectory(horizon, n);
            org.spectralflow.model.Limits.checkWork("horizon", horizon, n);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(e.getMessage());
        }
        return new Weights(model, layer, step, MatrixCodec.read(f, n), activation, horizon);
    }

    /** A weights record with the matrix as base64 in the given dtype ("f32" or "f64"). */
    public static ObjectNode encode(Weights w, String dtype) {
        ObjectNode o = Json.object();
        o.put("v", Json.VERSION);
        o.put("model", w.model());
        o.put("layer", w.layer());
        o.put("step", w.step());
        o.put("n", w.n());
        o.put("dtype", dtype);
        o.put("data_b64", MatrixCodec.base64(w.w(), dtype));
        o.put("activation", w.activation().wire());
        o.put("horizon", w.horizon());
        return o;
    }
}

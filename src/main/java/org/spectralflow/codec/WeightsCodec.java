package org.spectralflow.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.spectralflow.model.Activation;
import org.spectralflow.model.AnalysisRequest;
import org.spectralflow.model.RecurrentCell;
import org.spectralflow.model.Jacobians;
import org.spectralflow.model.Limits;
import org.spectralflow.model.Weights;

/**
 * {@code sf.weights} records: required v, model, layer, step, n, data or data_b64; optional dtype,
 * cell (DESIGN §6.1), activation, rows, horizon, m with jacobians or jacobians_b64.
 */
public final class WeightsCodec {
    private WeightsCodec() {}

    public static Weights decode(byte[] payload, int maxN) {
        Preflight.check(payload, maxN);
        return decode(Json.parseObject(payload), maxN);
    }

    /** A record already parsed (the {@code analyze} command's, with its defaults filled in). */
    static Weights decode(ObjectNode o, int maxN) {
        Fields f = Fields.of(o);
        f.requireVersion();
        String model = f.string("model");
        String layer = f.string("layer");
        long step = f.integer("step");
        if (step < 0) throw new InvalidRecordException("step must be non-negative, got " + step);
        RecurrentCell cell = cell(f);
        int n = MatrixCodec.size(f, maxN);
        long rows = cell.rows(n), most = (long) maxN * maxN;
        if (f.has("rows") && f.integer("rows") != rows)
            throw new InvalidRecordException("rows = " + f.integer("rows") + " disagrees with a " + cell.wire() + " layer of n = "
                    + n + " (" + rows + " rows)");
        if (rows * n > most)
            throw new InvalidRecordException("a " + cell.wire() + " layer of n = " + n + " has " + rows * n
                    + " entries, above the limit of max n² = " + most);
        int horizon = f.intIn("horizon", 1, 1_000_000, Weights.DEFAULT_HORIZON);
        try {
            if (!cell.gated()) {
                AnalysisRequest.checkTrajectory(horizon, n);
                Limits.checkWork("horizon", horizon, n);
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(e.getMessage());
        }
        Jacobians jacobians = jacobians(f, cell, n, most);
        String words = cell.gated() ? cell.gates().size() + "n² = " + rows * n + " (" + cell.wire() + ": " + rows + "×" + n + ")"
                : "n² = " + rows * n;
        double[] data;
        try {
            data = MatrixCodec.values(f, "data", rows * n, rows * n, words, n);
        } catch (InvalidRecordException e) {
            throw cell.gated() ? e : new InvalidRecordException(e.getMessage() + gatedHint(f, n));
        }
        return new Weights(model, layer, step, cell, n, data, horizon, jacobians);
    }

    /** For a plain record whose matrix has 3n² or 4n² entries: the cell it probably forgot to name. */
    private static String gatedHint(Fields f, long n) {
        long count;
        if (f.has("data_b64") && f.node("data_b64").isTextual())
            count = (long) f.node("data_b64").textValue().length() * 3 / 4 / (f.string("dtype", "f64").equals("f32") ? 4 : 8);
        else if (f.has("data") && f.node("data").isArray()) count = f.node("data").size();
        else return "";
        for (RecurrentCell c : new RecurrentCell[] {RecurrentCell.LSTM, RecurrentCell.GRU})
            if (Math.abs(count - c.rows(n) * n) <= 1)
                return " (" + c.rows(n) + "×" + n + ": the weight_hh of " + (c == RecurrentCell.LSTM ? "an LSTM" : "a GRU") + " layer? then set \"cell\":\"" + c.wire() + "\")";
        return "";
    }

    /** {@code cell}, or the cell {@code activation} names; both given must agree. */
    private static RecurrentCell cell(Fields f) {
        try {
            Activation activation = f.has("activation") ? Activation.parse(f.string("activation")) : null;
            if (!f.has("cell")) return RecurrentCell.of(activation == null ? Activation.TANH : activation);
            RecurrentCell cell = RecurrentCell.parse(f.string("cell"));
            boolean agrees = activation == null || activation == cell.activation()
                    || (cell.gated() && activation == Activation.TANH); // LSTM and GRU cells are tanh cells
            if (!agrees)
                throw new InvalidRecordException("activation '" + activation.wire() + "' contradicts cell '" + cell.wire() + "'");
            return cell;
        } catch (InvalidRecordException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(e.getMessage());
        }
    }

    /** The state Jacobians, null when the record has none; k·m² within the matrix limit, checked before decoding. */
    private static Jacobians jacobians(Fields f, RecurrentCell cell, int n, long most) {
        boolean has = f.has("jacobians") || f.has("jacobians_b64");
        if (!has) {
            if (f.has("m")) throw new InvalidRecordException("field 'm' is given without 'jacobians' or 'jacobians_b64'");
            return null;
        }
        long m = f.integer("m");
        if (m != cell.stateSize(n))
            throw new InvalidRecordException("m = " + m + ", but the state of a " + cell.wire() + " layer of n = " + n + " has "
                    + cell.stateSize(n) + " entries" + (cell == RecurrentCell.LSTM ? " (h and c stacked)" : ""));
        long perStep = m * m;
        double[] j = MatrixCodec.values(f, "jacobians", -1, most - most % perStep,
                "k·m² for k ≥ 1 and m = " + m + ", at most " + most / perStep + " Jacobians", (int) m);
        if (j.length % perStep != 0)
            throw new InvalidRecordException("jacobians has " + j.length + " entries, not a whole number of " + m + "×" + m
                    + " Jacobians");
        int k = (int) (j.length / perStep);
        try {
            Limits.checkWork("jacobians (k·m)", (long) k * m, m);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(e.getMessage());
        }
        return new Jacobians(k, (int) m, j);
    }

    /** A weights record with the matrix (and Jacobians) as base64 in the given dtype ("f32" or "f64"). */
    public static ObjectNode encode(Weights w, String dtype) {
        ObjectNode o = Json.object();
        o.put("v", Json.VERSION);
        o.put("model", w.model());
        o.put("layer", w.layer());
        o.put("step", w.step());
        o.put("n", w.n());
        o.put("cell", w.cell().wire());
        o.put("dtype", dtype);
        o.put("data_b64", MatrixCodec.base64(w.data(), dtype));
        o.put("horizon", w.horizon());
        if (w.jacobians() != null) {
            o.put("m", w.jacobians().m());
            o.put("jacobians_b64", MatrixCodec.base64(w.jacobians().data(), dtype));
        }
        return o;
    }
}

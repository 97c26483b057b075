package org.spectralflow.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.spectralflow.model.AnalysisOptions;

/**
 * The optional-analysis fields of specs, grids and analysis requests: {@code lyapunov_k},
 * {@code transient}, {@code leak}, {@code esp}, {@code esp_steps}, {@code input_scale}, {@code dense_max_n}.
 */
final class OptionsCodec {
    private OptionsCodec() {}

    /** @param n the matrix size (lyapunov_k ≤ n), or 0 when not known here (a grid: checked per size) */
    static AnalysisOptions read(Fields f, int n) {
        try {
            return new AnalysisOptions(n > 0 ? f.intIn("lyapunov_k", 1, n, 0) : (int) f.integer("lyapunov_k", 0),
                    AnalysisOptions.parseTransient(f.string("transient", "estimate")), f.number("leak", 1.0), f.bool("esp", false),
                    f.intIn("esp_steps", 1, 10_000_000, AnalysisOptions.DEFAULT_ESP_STEPS), f.number("input_scale", 0.0),
                    f.intIn("dense_max_n", 1, org.spectralflow.model.Limits.MAX_DENSE_N, AnalysisOptions.DEFAULT_DENSE_MAX_N));
        } catch (InvalidRecordException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(e.getMessage(), e);
        }
    }

    /** Writes the options; with {@code all} false only those that differ from the defaults. */
    static void write(ObjectNode o, AnalysisOptions a, boolean all) {
        AnalysisOptions d = AnalysisOptions.DEFAULT;
        if (all || a.lyapunovK() != d.lyapunovK()) o.put("lyapunov_k", a.lyapunovK());
        if (all || a.exactTransient()) o.put("transient", a.transientWord());
        if (all || a.leak() != d.leak()) o.put("leak", a.leak());
        if (all || a.esp()) o.put("esp", a.esp());
        if (all || a.esp() && a.espSteps() != d.espSteps()) o.put("esp_steps", a.espSteps());
        if (all || a.esp() && a.inputScale() != d.inputScale()) o.put("input_scale", a.inputScale());
        if (all || a.denseMaxN() != d.denseMaxN()) o.put("dense_max_n", a.denseMaxN());
    }
}

package org.spectralflow.model;

/**
 * Optional parts of an analysis (DESIGN §6.6, §6.9), as specs, grids and requests carry them.
 *
 * @param lyapunovK how many leading Lyapunov exponents to compute (0: none; 1 ≤ k ≤ n)
 * @param exactTransient whether {@code linear.transient_peak} is the exact max_{n≤T} ‖Bⁿ‖₂
 *     (cost T·N³) instead of the default estimate
 */
public record AnalysisOptions(int lyapunovK, boolean exactTransient) implements java.io.Serializable {
    public static final AnalysisOptions DEFAULT = new AnalysisOptions(0, false);

    public AnalysisOptions {
        if (lyapunovK < 0) throw new IllegalArgumentException("lyapunov_k must be at least 1, got " + lyapunovK);
    }

    /** The wire word of the transient mode: "estimate" or "exact". */
    public String transientWord() {
        return exactTransient ? "exact" : "estimate";
    }

    public static boolean parseTransient(String word) {
        return switch (word) {
            case "estimate" -> false;
            case "exact" -> true;
            default -> throw new IllegalArgumentException("transient must be 'estimate' or 'exact', got " + Text.quote(word));
        };
    }

    /** Rejects options a matrix of size n cannot take, or whose cost over steps would exceed the work limit. */
    public void check(int n, int steps) {
        if (lyapunovK > n) throw new IllegalArgumentException("lyapunov_k = " + lyapunovK + " exceeds n = " + n);
        if (lyapunovK > 0) Limits.checkWork("steps × lyapunov_k", (long) steps * lyapunovK, n);
        if (exactTransient) Limits.checkWork("transient exact: steps × n", (long) steps * n, n);
    }
}

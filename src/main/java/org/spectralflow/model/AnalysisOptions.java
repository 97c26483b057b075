package org.spectralflow.model;

/**
 * Optional parts of an analysis (DESIGN §6.4–6.6, §6.9), as specs, grids and requests carry them.
 *
 * @param lyapunovK how many leading Lyapunov exponents to compute (0: none; 1 ≤ k ≤ n)
 * @param exactTransient whether {@code linear.transient_peak} is the exact max_{n≤T} ‖Bⁿ‖₂
 *     (cost T·N³) instead of the default estimate
 * @param leak the leak rate a ∈ (0, 1] of h ← (1 − a)h + a·φ(W h + b): 1 is §3's map
 * @param esp whether to check the echo state property (§6.5)
 * @param espSteps T_esp, the steps of that check
 * @param inputScale s of its inputs u_t = s·U(−1, 1)ⁿ (0: the zero-input test)
 * @param denseMaxN a {@code sparse} ensemble above this size is drawn, stored and propagated in
 *     CSR with a Krylov spectrum (DESIGN §6.3); it travels with the specs, because the CSR draw is
 *     another random stream than the dense one and results must not depend on a job's settings
 */
public record AnalysisOptions(int lyapunovK, boolean exactTransient, double leak, boolean esp, int espSteps, double inputScale,
                              int denseMaxN) implements java.io.Serializable {
    public static final int DEFAULT_ESP_STEPS = 2000;
    public static final int DEFAULT_DENSE_MAX_N = 2048;
    public static final AnalysisOptions DEFAULT = new AnalysisOptions(0, false);

    public AnalysisOptions {
        if (lyapunovK < 0) throw new IllegalArgumentException("lyapunov_k must be at least 1, got " + lyapunovK);
        if (!(leak > 0 && leak <= 1)) throw new IllegalArgumentException("leak must be in (0, 1], got " + leak);
        if (espSteps < 1 || espSteps > 10_000_000) throw new IllegalArgumentException("esp_steps must be from 1 to 10⁷, got " + espSteps);
        if (!(inputScale >= 0) || !Double.isFinite(inputScale))
            throw new IllegalArgumentException("input_scale must be finite and non-negative, got " + inputScale);
        if (denseMaxN < 1 || denseMaxN > Limits.MAX_DENSE_N)
            throw new IllegalArgumentException("dense_max_n must be from 1 to " + Limits.MAX_DENSE_N + ", got " + denseMaxN);
    }

    /** Without the dense limit (the default one). */
    public AnalysisOptions(int lyapunovK, boolean exactTransient, double leak, boolean esp, int espSteps, double inputScale) {
        this(lyapunovK, exactTransient, leak, esp, espSteps, inputScale, DEFAULT_DENSE_MAX_N);
    }

    /** Without leak or the echo state check. */
    public AnalysisOptions(int lyapunovK, boolean exactTransient) {
        this(lyapunovK, exactTransient, 1.0, false, DEFAULT_ESP_STEPS, 0.0);
    }

    public boolean leaky() {
        return leak < 1;
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
        check(n, (long) n * n, steps);
    }

    /**
     * As {@link #check(int, int)} for a matrix with {@code nnz} stored entries (n² when dense): a
     * step costs nnz multiply-adds a vector; the Lyapunov basis also costs n·k² for its QR.
     */
    public void check(int n, long nnz, int steps) {
        boolean sparse = nnz < (long) n * n || n > Limits.MAX_DENSE_N;
        if (lyapunovK > n) throw new IllegalArgumentException("lyapunov_k = " + lyapunovK + " exceeds n = " + n);
        if (lyapunovK > 0) {
            Limits.checkWork("steps × lyapunov_k", (long) steps * lyapunovK, n, nnz);
            Limits.checkWork("steps × lyapunov_k² (the QR)", (long) steps * lyapunovK * lyapunovK, n, "n");
        }
        if (exactTransient && sparse && n > denseMaxN)
            throw new IllegalArgumentException("transient 'exact' needs a dense matrix (n ≤ dense_max_n = " + denseMaxN + ")");
        if (exactTransient) Limits.checkWork("transient exact: steps × n", (long) steps * n, n);
        if (esp) Limits.checkWork("esp_steps × 5 trajectories", 5L * espSteps, n, nnz);
    }

}

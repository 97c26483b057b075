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
 */
public record AnalysisOptions(int lyapunovK, boolean exactTransient, double leak, boolean esp, int espSteps, double inputScale)
        implements java.io.Serializable {
    public static final int DEFAULT_ESP_STEPS = 2000;
    public static final AnalysisOptions DEFAULT = new AnalysisOptions(0, false);

    public AnalysisOptions {
        if (lyapunovK < 0) throw new IllegalArgumentException("lyapunov_k must be at least 1, got " + lyapunovK);
        if (!(leak > 0 && leak <= 1)) throw new IllegalArgumentException("leak must be in (0, 1], got " + leak);
        if (espSteps < 1 || espSteps > 10_000_000) throw new IllegalArgumentException("esp_steps must be from 1 to 10⁷, got " + espSteps);
        if (!(inputScale >= 0) || !Double.isFinite(inputScale))
            throw new IllegalArgumentException("input_scale must be finite and non-negative, got " + inputScale);
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
        if (lyapunovK > n) throw new IllegalArgumentException("lyapunov_k = " + lyapunovK + " exceeds n = " + n);
        if (lyapunovK > 0) Limits.checkWork("steps × lyapunov_k", (long) steps * lyapunovK, n);
        if (exactTransient) Limits.checkWork("transient exact: steps × n", (long) steps * n, n);
        if (esp) Limits.checkWork("esp_steps × 5 trajectories", 5L * espSteps, n);
    }
}

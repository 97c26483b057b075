package org.spectralflow.model;

import java.util.Map;

/**
 * The full result for one matrix (DESIGN §4 "Analysis"), whether from {@code analyze} or a job.
 *
 * @param precision results per format ("f32", "f64"); empty when not requested
 * @param lyapunovSpectrum the leading Lyapunov exponents of the request's map; null when not requested
 * @param leak the leak rate a of the propagated map (1: none)
 * @param effectiveRho ρ((1 − a)I + aW), the spectral radius of the propagated linear map
 * @param echoState the echo state check; null when not requested
 */
public record Analysis(String id, int n, Spectrum spectrum, Linear linear, Tanh tanh,
                       Map<String, FinitePrecision> precision, LyapunovSpectrum lyapunovSpectrum, double leak,
                       double effectiveRho, EchoState echoState) {

    /**
     * Linear back-propagation by B = Wᵀ.
     *
     * @param separationRatio s_n/(δ|λ₁|ⁿ); null for independent Jacobians (no fixed eigenvector)
     * @param lyapunov growth rate of the forward map h ← W h by the one-vector method
     */
    public record Linear(int steps, double[] growth, double rate, double[] separationRatio,
                         double transientPeak, double lyapunov, Outcome outcome) {}

    /** The tanh network: back-propagated gradient ratio ‖g₀‖/‖g_T‖, its rate, and the forward Lyapunov exponent. */
    public record Tanh(int steps, double gradientRatio, double rate, double lyapunov, Outcome outcome) {}

    /**
     * The k leading Lyapunov exponents of a map (DESIGN §6.6), descending.
     *
     * @param kaplanYorke j + Σ_{i≤j} λ_i/|λ_{j+1}|; NaN when all k partial sums are ≥ 0 (k too small)
     * @param entropyRate the sum of the positive λ_i; NaN when λ_k > 0 (k too small)
     */
    public record LyapunovSpectrum(Activation map, double[] exponents, double kaplanYorke, double entropyRate) {
        @Override
        public boolean equals(Object o) {
            return RecordValues.equal(this, o);
        }

        @Override
        public int hashCode() {
            return RecordValues.hash(this);
        }
    }

    /** The echo state check (DESIGN §6.5): holds ⇔ max_distance ≤ 1e-6 after {@code steps} driven steps. */
    public record EchoState(boolean holds, double maxDistance, int steps, double inputScale) {}

    /** Steps at which finite-precision events happen; −1 where not reached within the budget. */
    public record FinitePrecision(int subnormalStep, int deadStep, int overflowStep, int forgetStep) {}
}

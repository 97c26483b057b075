package org.spectralflow.model;

import java.util.Map;

/**
 * The full result for one matrix (DESIGN §4 "Analysis"), whether from {@code analyze} or a job.
 *
 * @param precision results per format ("f32", "f64"); empty when not requested
 */
public record Analysis(String id, int n, Spectrum spectrum, Linear linear, Tanh tanh,
                       Map<String, FinitePrecision> precision) {

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

    /** Steps at which finite-precision events happen; −1 where not reached within the budget. */
    public record FinitePrecision(int subnormalStep, int deadStep, int overflowStep, int forgetStep) {}
}

package org.spectralflow.model;

/**
 * What one matrix adds to its cell's statistics: γ, Lyapunov exponent and outcome of the cell's
 * activation, ρ, σ₁, and the finite-precision steps (−1 when not reached or not asked for).
 */
public record Contribution(double gamma, double rho, double sigma1, double lyapunov, Outcome outcome,
                           int subnormalF32, int forgetF32, int subnormalF64, int forgetF64) {

    public static Contribution of(Analysis a, Activation activation) {
        boolean linear = activation == Activation.LINEAR;
        Analysis.FinitePrecision f32 = a.precision().get("f32"), f64 = a.precision().get("f64");
        return new Contribution(
                linear ? a.linear().rate() : a.tanh().rate(),
                a.spectrum().rho(), a.spectrum().sigma1(),
                linear ? a.linear().lyapunov() : a.tanh().lyapunov(),
                linear ? a.linear().outcome() : a.tanh().outcome(),
                f32 == null ? -1 : f32.subnormalStep(), f32 == null ? -1 : f32.forgetStep(),
                f64 == null ? -1 : f64.subnormalStep(), f64 == null ? -1 : f64.forgetStep());
    }
}

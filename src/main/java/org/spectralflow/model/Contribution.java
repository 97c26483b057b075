package org.spectralflow.model;

/**
 * What one matrix adds to its cell's statistics: γ, Lyapunov exponent and outcome of the cell's
 * activation, ρ, σ₁, and the finite-precision steps (−1 when not reached or not asked for), and
 * the spectral counts of DESIGN §6.7.
 *
 * @param realEigs eigenvalues with imaginary part exactly 0 (LAPACK returns real ones as such); −1 for a
 *     Krylov spectrum, which holds only the k largest
 * @param dominantReal whether λ₁ is real
 * @param effectiveRho ρ of the map the propagation used ((1 − a)I + aW; ρ itself without leak)
 * @param lyapunovSpectrum the k leading Lyapunov exponents of the cell's map; empty when not asked for
 * @param esp 1 when the echo state property held, 0 when it did not, −1 when not checked
 */
public record Contribution(double gamma, double rho, double sigma1, double lyapunov, Outcome outcome,
                           int subnormalF32, int forgetF32, int subnormalF64, int forgetF64,
                           int realEigs, boolean dominantReal, double effectiveRho, double[] lyapunovSpectrum, int esp) {

    public static Contribution of(Analysis a, Activation activation) {
        boolean linear = activation == Activation.LINEAR;
        Analysis.FinitePrecision f32 = a.precision().get("f32"), f64 = a.precision().get("f64");
        Spectrum s = a.spectrum();
        int real = 0;
        for (double im : s.im()) if (im == 0) real++;
        Analysis.LyapunovSpectrum ls = a.lyapunovSpectrum();
        double[] spectrum = ls != null && ls.map() == activation ? ls.exponents() : null;
        return new Contribution(
                linear ? a.linear().rate() : a.tanh().rate(),
                s.rho(), s.sigma1(),
                linear ? a.linear().lyapunov() : a.tanh().lyapunov(),
                linear ? a.linear().outcome() : a.tanh().outcome(),
                f32 == null ? -1 : f32.subnormalStep(), f32 == null ? -1 : f32.forgetStep(),
                f64 == null ? -1 : f64.subnormalStep(), f64 == null ? -1 : f64.forgetStep(),
                s.krylov() == null ? real : -1, s.lambda1Im() == 0, a.effectiveRho(), spectrum == null ? new double[0] : spectrum,
                a.echoState() == null ? -1 : a.echoState().holds() ? 1 : 0);
    }

    @Override
    public boolean equals(Object o) {
        return RecordValues.equal(this, o);
    }

    @Override
    public int hashCode() {
        return RecordValues.hash(this);
    }
}

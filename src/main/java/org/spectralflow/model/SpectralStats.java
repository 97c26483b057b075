package org.spectralflow.model;

/**
 * A cell's spectral statistics of DESIGN §6.7 and its theory line.
 *
 * @param rhoP05 nearest-rank quantiles of ρ, to within ±5·10⁻⁵ (the histogram's bin)
 * @param realEigsMean mean number of real eigenvalues (Im exactly 0)
 * @param dominantRealFraction the fraction of matrices whose λ₁ is real
 * @param sigma1OverRhoMean the mean of the per-matrix σ₁/ρ (over matrices with ρ > 0)
 * @param effectiveRhoMean the mean ρ of the propagated map
 * @param espViolated the fraction of matrices failing the echo state check; NaN when not checked
 * @param lyapunovSpectrumMean the mean of each of the k leading Lyapunov exponents; empty when not asked for
 * @param theoryRate the cell's theory of γ: ln ρ̄ for a fixed W, Newman's exponent for independent Jacobians
 */
public record SpectralStats(double rhoP05, double rhoP50, double rhoP95, double realEigsMean, double dominantRealFraction,
                            double sigma1OverRhoMean, double effectiveRhoMean, double espViolated,
                            double[] lyapunovSpectrumMean, double theoryRate) {
    @Override
    public boolean equals(Object o) {
        return RecordValues.equal(this, o);
    }

    @Override
    public int hashCode() {
        return RecordValues.hash(this);
    }
}

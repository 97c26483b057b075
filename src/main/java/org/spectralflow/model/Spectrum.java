package org.spectralflow.model;

/**
 * The spectrum of a weight matrix W as DESIGN §3 defines it. Eigenvalues are ordered by modulus
 * descending, ties (moduli within Spectra.TIE_TOLERANCE of each other, relative to ρ)
 * broken by larger real part, then by larger imaginary part, so λ₁ = (re[0], im[0]).
 *
 * @param dominantVector unit eigenvector of B = Wᵀ for λ₁ (the normalised real part of the
 *     complex eigenvector, phased so its largest component is real and positive), or null when
 *     not computed
 * @param period 2π/θ, {@code +∞} when θ = 0
 * @param topSingularVector unit p maximising ‖B p‖ = σ₁ (W's top left singular vector), the start
 *     of the transient-growth probe, or null when not computed
 */
public record Spectrum(double[] re, double[] im, double rho, double theta, double period,
                       double sigma1, double departure, boolean contractive, double[] dominantVector,
                       double[] topSingularVector) {

    /** The spectrum of c·W (c > 0): eigenvalues, ρ and σ₁ scale by c; angles, departure and the vectors do not. */
    public Spectrum scaled(double c) {
        double[] r = re.clone(), i = im.clone();
        for (int k = 0; k < r.length; k++) {
            r[k] *= c;
            i[k] *= c;
        }
        return new Spectrum(r, i, rho * c, theta, period, sigma1 * c, departure, sigma1 * c < 1, dominantVector,
                topSingularVector);
    }

    public double lambda1Re() {
        return re.length == 0 ? 0 : re[0];
    }

    public double lambda1Im() {
        return im.length == 0 ? 0 : im[0];
    }

    /** Equal when every field is, arrays by content. */
    @Override
    public boolean equals(Object o) {
        return RecordValues.equal(this, o);
    }

    @Override
    public int hashCode() {
        return RecordValues.hash(this);
    }
}

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
 * @param departure NaN when not known (a Krylov spectrum)
 * @param krylov how the Krylov solver did (DESIGN §6.3), null for a dense (LAPACK) spectrum
 */
public record Spectrum(double[] re, double[] im, double rho, double theta, double period,
                       double sigma1, double departure, boolean contractive, double[] dominantVector,
                       double[] topSingularVector, Krylov krylov) {

    /**
     * A Krylov spectrum's convergence: {@code re}/{@code im} hold its k largest-modulus eigenvalues.
     *
     * @param residual the largest ‖Wx − λx‖ of the reported Ritz pairs
     * @param products matrix-vector products it took
     */
    public record Krylov(int k, boolean converged, double residual, int restarts, long products) {}

    /** A dense spectrum (all n eigenvalues, by LAPACK). */
    public Spectrum(double[] re, double[] im, double rho, double theta, double period, double sigma1, double departure,
                    boolean contractive, double[] dominantVector, double[] topSingularVector) {
        this(re, im, rho, theta, period, sigma1, departure, contractive, dominantVector, topSingularVector, null);
    }

    /** "dense" or "krylov", as {@code spectrum.method} says. */
    public String method() {
        return krylov == null ? "dense" : "krylov";
    }

    /** The spectrum of c·W (c > 0): eigenvalues, ρ and σ₁ scale by c; angles, departure and the vectors do not. */
    public Spectrum scaled(double c) {
        double[] r = re.clone(), i = im.clone();
        for (int k = 0; k < r.length; k++) {
            r[k] *= c;
            i[k] *= c;
        }
        Krylov kr = krylov == null ? null
                : new Krylov(krylov.k(), krylov.converged(), krylov.residual() * c, krylov.restarts(), krylov.products());
        return new Spectrum(r, i, rho * c, theta, period, sigma1 * c, departure, sigma1 * c < 1, dominantVector,
                topSingularVector, kr);
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

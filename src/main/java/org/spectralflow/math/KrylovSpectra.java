package org.spectralflow.math;

import org.spectralflow.model.Spectrum;

/**
 * The spectrum of a sparse or large W by {@link KrylovSchur} (DESIGN §6.3): its k largest-modulus
 * eigenvalues, ρ, λ₁, θ and the period from them, the dominant eigenvector of B = Wᵀ (the solver
 * runs on B, whose eigenvalues are W's, so its leading Ritz vector is that vector), σ₁ and its
 * vector by Lanczos; the departure from normality needs every eigenvalue and is not known.
 */
public final class KrylovSpectra {
    public static final int DEFAULT_K = 6;
    /** Converged when every reported pair's residual is at most this times ‖W‖_F (DESIGN §6.3). */
    public static final double TOLERANCE = 1e-10;
    /**
     * The solver iterates on to this relative residual before it stops, so that ρ is accurate
     * well beyond what {@code converged} certifies (eigenvalue errors of a non-normal W can be
     * the residual times its eigenvalue condition number).
     */
    static final double TARGET = 1e-12;
    /** How many times k Ritz pairs must converge before the k largest are reported. */
    static final int CONVERGED = 2;

    /**
     * The basis size for {@code wanted} converged pairs of an n×n matrix: 120 vectors (wanted + 80
     * beyond 40), fewer where that would exceed {@link #BASIS_BYTES}. On 100 reservoirs of N = 10⁴
     * a basis of 60 missed the true ρ on 6 and took 1.6× as long as 120, which missed none (measured):
     * a larger basis sees more of the circular-law edge per restart and needs far fewer restarts.
     */
    static int basis(int wanted, int n) {
        int byMemory = (int) Math.min(Integer.MAX_VALUE, BASIS_BYTES / 8 / n - 1);
        return Math.max(wanted + 4, Math.min(Math.max(120, wanted + 80), byMemory));
    }
    /** Most bytes the Arnoldi basis may take: 128 MiB (120 vectors up to N ≈ 140 000, 16 at N = 10⁶). */
    static final long BASIS_BYTES = 128L << 20;
    /** Restart cycles before giving up with {@code converged: false}. */
    static final int MAX_RESTARTS = 1000;
    /** The start vector's seed: fixed, so that the spectrum is a function of W alone. */
    static final long SEED = 0x5EED_C0DEL;

    /**
     * The run on a power's budget in restarts: a quarter of the direct run's, so a matrix neither
     * converges on (an orthogonal one) spends a quarter budget, not a whole one, before the direct
     * run that ends in {@code converged: false}. The bench's N = 10⁵ reservoir took about 37
     * (2 036 basis vectors, 54 new ones a restart).
     */
    static final int POWER_RESTARTS = MAX_RESTARTS / 4;
    /** The largest power of W the solver iterates with (see {@link #power}). */
    static final int MAX_POWER = 8;
    /**
     * The basis and the largest power for ρ alone ({@link #radius}): two converged pairs wanted,
     * so a basis of 60 through W¹² spends less on orthogonalisation per product and reaches the
     * circular-law edge in fewer products (bench/reservoir.sh, 2026-12-04, 10 a row: 0.160 s
     * against 0.271 s for the six moduli at N = 10⁴, 14.0 s against 35.1 s at N = 10⁵, the same ρ
     * to 3e-13). On a direct run (p = 1) the smaller basis missed ρ (see {@link #basis}), so there
     * the ordinary basis is kept.
     */
    static final int RADIUS_BASIS = 60;
    static final int RADIUS_MAX_POWER = 16;

    private KrylovSpectra() {}

    /**
     * The power p of W to run the Krylov method on: where one basis vector's orthogonalisation
     * (about 4·m·n flops, reading the whole basis) costs more than a product with W (2·nnz), p
     * products make each basis vector reach p times as far in W's powers for about the same cost,
     * and the circular-law edge, whose moduli differ by little, is spread p-fold in log-modulus
     * (at N = 10⁴, 10 a row: 442 basis vectors at p = 8 against 2 030 at p = 1, measured). 1 for
     * dense or small matrices, where the basis is cheap or already spans everything.
     */
    static int power(MatrixOperator w, int m) {
        return power(w, m, MAX_POWER);
    }

    private static int power(MatrixOperator w, int m, int maxPower) {
        long n = w.n();
        // the power run hands back 2·(2k) Ritz vectors: kept within a quarter of the basis's bytes (N ≤ 174 762 at k = 6)
        if (n <= 4L * m || w.nonzeros() >= n * n / 2 || 2L * CONVERGED * DEFAULT_K * 8 * n > BASIS_BYTES / 4) return 1;
        long p = 2L * m * n / Math.max(1, w.nonzeros());
        return (int) Math.max(1, Math.min(maxPower, p));
    }

    public static Spectrum analyze(MatrixOperator w, int k) {
        return spectrum(w, k, true);
    }

    /** The k eigenvalues and B's dominant eigenvector alone: σ₁ (and so the transient probe) left out (NaN, null). */
    public static Spectrum eigenvalues(MatrixOperator w, int k) {
        return spectrum(w, k, false);
    }

    /**
     * ρ alone, what SciPy's {@code eigs(k=1)} computes: the spectrum with k = 1 (re, im, ρ, θ, the
     * dominant vector; σ₁ NaN), by a leaner run than the six moduli's where it goes through a power.
     */
    public static Spectrum radius(MatrixOperator w) {
        int wanted = Math.min(w.n(), CONVERGED);
        int m = Math.min(RADIUS_BASIS, basis(wanted, w.n())), p = power(w, m, RADIUS_MAX_POWER); // basis() ≥ wanted + 4
        if (p == 1) m = basis(wanted, w.n());
        return spectrum(w, 1, false, m, p);
    }

    private static Spectrum spectrum(MatrixOperator w, int k, boolean sigma1) {
        // converging twice the k reported keeps the solver at it until the k largest have shown up: with k
        // alone it stopped at N = 10⁵ with six converged moduli that missed the true largest pair (measured)
        int m = basis(Math.min(w.n(), CONVERGED * k), w.n());
        return spectrum(w, k, sigma1, m, power(w, m));
    }

    private static Spectrum spectrum(MatrixOperator w, int k, boolean sigma1, int m, int p) {
        double fro = w.frobeniusNorm();
        int wanted = Math.min(w.n(), CONVERGED * k);
        KrylovSchur.Result r = p > 1 ? ThroughPower.eigenvalues(w.transposed(), wanted, m, p, TARGET * fro, TOLERANCE * fro, POWER_RESTARTS, SEED) : null;
        if (r == null) r = KrylovSchur.largest(w.transposed(), wanted, m, TARGET * fro, MAX_RESTARTS, SEED);
        r = r.first(Math.min(k, w.n()));
        if (!r.converged() && r.residual() <= TOLERANCE * fro) r = r.certified();
        double[] re = r.re(), im = r.im();
        double rho = Math.hypot(re[0], im[0]);
        double theta = Math.abs(Math.atan2(im[0], re[0]));
        double period = theta == 0 ? Double.POSITIVE_INFINITY : 2 * Math.PI / theta;
        TopSingularValue.Result top = sigma1 ? TopSingularValue.of(w) : new TopSingularValue.Result(Double.NaN, null);
        double[] dominant = Spectra.realDirection(r.vectorRe(), r.vectorIm());
        return new Spectrum(re, im, rho, theta, period, top.sigma1(), Double.NaN, top.sigma1() < 1, dominant, top.vector(),
                new Spectrum.Krylov(re.length, r.converged(), r.residual(), r.restarts(), r.products()));
    }
}

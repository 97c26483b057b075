package org.spectralflow.math;

/**
 * σ₁ = ‖W‖₂ and its singular vector by Golub–Kahan–Lanczos bidiagonalisation: O(k·N²) for k
 * iterations (k ≪ N for the top of the spectrum) where LAPACK's SVD costs O(N³). Small matrices,
 * and any the iteration cannot certify, go to LAPACK's SVD.
 */
final class TopSingularValue {
    /** Most iterations before falling back to LAPACK's SVD. */
    static final int MAX_ITERATIONS = 400;
    /** Below this size LAPACK's SVD with its vector is as fast (measured: 35 µs against 37 µs at N = 16). */
    static final int SMALL = 16;
    private static final double EPS = Math.ulp(1.0);
    private static final double REORTHOGONALISE = Math.sqrt(0.5);

    /** σ₁ and the unit vector p that maximises ‖B p‖ for B = Wᵀ (W's top left singular vector). */
    record Result(double sigma1, double[] vector, boolean certified) {
        Result(double sigma1, double[] vector) {
            this(sigma1, vector, true);
        }
    }

    private TopSingularValue() {}

    static Result of(double[] w, int n) {
        // row-major W read as column-major is B
        if (n < SMALL) return Lapack.topSingular(n, w.clone());
        Result r = lanczos(MatrixOperator.dense(w, n));
        return r.certified() ? r : Lapack.topSingular(n, w.clone());
    }

    /** σ₁ of any W (a sparse one has no SVD to fall back on: its best Lanczos estimate, a lower bound, is kept). */
    static Result of(MatrixOperator w) {
        if (w instanceof MatrixOperator.Dense d) return of(d.w(), d.n());
        return lanczos(w);
    }

    /** σ₁ by Lanczos; {@code certified} false when it could not certify it within the budget (the estimate is a lower bound). */
    static Result lanczos(MatrixOperator w) {
        int n = w.n();
        // the two bases hold 2·kmax vectors: above N ≈ 20 000 fewer iterations, so that they stay within 128 MiB
        int kmax = Math.min(n, Math.min(MAX_ITERATIONS, Math.max(16, (1 << 23) / n)));
        // the bases, column-major n×k blocks, so that reorthogonalisation is two BLAS calls; they
        // grow as needed (random matrices converge in 20–80 iterations, far below kmax for large N)
        double[] u = new double[n * Math.min(kmax, 32)], v = new double[u.length + n]; // v has one more
        double[] alpha = new double[kmax], beta = new double[kmax];
        double[] x = new double[n], coef = new double[kmax + 1];
        // a fixed start makes σ₁ a function of W alone
        System.arraycopy(new SeededRandom(0x5160_A1L, SeededRandom.Stream.LYAPUNOV).unitVector(n), 0, v, 0, n);
        double scale = w.frobeniusNorm(); // ‖W‖_F ≥ σ₁: sets "negligible" and keeps T = BᵀB in range
        if (scale == 0) return new Result(0, java.util.Arrays.copyOf(v, n));
        double lastTheta = 0, step = 0;
        for (int j = 0; j < kmax; j++) {
            // u_j α_j = B v_j − β_{j−1} u_{j−1};  v_{j+1} β_j = Bᵀ u_j − α_j v_j
            w.timesTransposed(v, j * n, x);
            if (j > 0) axpy(-beta[j - 1], u, (j - 1) * n, x);
            alpha[j] = orthogonalise(x, u, j, n, coef);
            boolean invariant = alpha[j] <= EPS * scale;
            if (!invariant) {
                if (u.length < (j + 1) * n) {
                    u = java.util.Arrays.copyOf(u, Math.min(2 * u.length, n * kmax));
                    v = java.util.Arrays.copyOf(v, u.length + n);
                }
                store(x, 1 / alpha[j], u, j * n);
                w.times(u, j * n, x);
                axpy(-alpha[j], v, j * n, x);
                beta[j] = orthogonalise(x, v, j + 1, n, coef);
                invariant = beta[j] <= EPS * scale;
                if (!invariant) store(x, 1 / beta[j], v, (j + 1) * n);
            } else alpha[j] = 0;
            int k = j + 1;
            boolean last = invariant || k == kmax;
            if (!last && k % 2 != 0) continue;
            double[][] t = tridiagonal(alpha, beta, k, scale);
            // Ritz values only grow with k, by less each time once converging: the last rise,
            // doubled, usually bounds the next one (checked, and widened when it does not)
            double theta = Tridiagonal.largestEigenvalue(t[0], t[1], k, lastTheta, Math.max(2 * step, 8 * EPS * lastTheta));
            boolean settled = Math.abs(theta - lastTheta) <= 4 * EPS * theta;
            step = theta - lastTheta;
            lastTheta = theta;
            if (!settled && !last) continue;
            double[] sv = Tridiagonal.topEigenvector(t[0], t[1], k, theta);
            // ‖BᵀB V s − θ V s‖ = α_k β_k |s_k|; the top eigenvalue is within res²/gap of θ, so
            // it is certified once no other Ritz value lies within 4res²/(εθ) of θ
            double res = invariant ? 0 : alpha[j] / scale * (beta[j] / scale) * Math.abs(sv[k - 1]);
            boolean converged = res == 0 || k == n
                    || (res <= 1e-4 * theta && Tridiagonal.countAbove(t[0], t[1], k, theta - 4 * res * res / (EPS * theta)) == 1);
            if (converged) return new Result(Math.sqrt(theta) * scale, combine(v, sv, k, n));
            if (last) return new Result(Math.sqrt(theta) * scale, combine(v, sv, k, n), false);
        }
        throw new AssertionError("the last iteration returns");
    }

    /** The diagonal and off-diagonal of T = B_kᵀ B_k / scale² (B_k upper bidiagonal: α, β). */
    private static double[][] tridiagonal(double[] alpha, double[] beta, int k, double scale) {
        double[] d = new double[k], e = new double[Math.max(1, k - 1)];
        for (int i = 0; i < k; i++) {
            double a = alpha[i] / scale, b = i > 0 ? beta[i - 1] / scale : 0;
            d[i] = a * a + b * b;
            if (i < k - 1) e[i] = a * (beta[i] / scale);
        }
        return new double[][] {d, e};
    }

    /**
     * Removes from x its components along the first {@code count} basis vectors and returns ‖x‖.
     * A second pass runs only when the first cancelled much of x (the DGKS test, η = 1/√2): only
     * then can rounding have left x visibly non-orthogonal, and in Lanczos it is rare.
     */
    private static double orthogonalise(double[] x, double[] basis, int count, int n, double[] coef) {
        double norm = Vectors.norm(x);
        for (int pass = 0; pass < 2 && count > 0; pass++) {
            Vectors.multiplyBlockTransposed(basis, n, count, x, coef); // c = Vᵀx
            Vectors.subtractBlock(basis, n, count, coef, x);            // x −= V c
            double after = Vectors.norm(x);
            boolean enough = after > REORTHOGONALISE * norm;
            norm = after;
            if (enough) break;
        }
        return norm;
    }

    private static double[] combine(double[] basis, double[] s, int k, int n) {
        double[] p = new double[n];
        for (int i = 0; i < k; i++) axpy(s[i], basis, i * n, p);
        Vectors.scale(p, 1 / Vectors.norm(p));
        return p;
    }

    /** y += c · basis[from, from + n). */
    private static void axpy(double c, double[] basis, int from, double[] y) {
        for (int i = 0; i < y.length; i++) y[i] += c * basis[from + i];
    }

    private static void store(double[] x, double c, double[] basis, int from) {
        for (int i = 0; i < x.length; i++) basis[from + i] = x[i] * c;
    }
}

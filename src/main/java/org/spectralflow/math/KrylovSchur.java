package org.spectralflow.math;

import java.util.Arrays;

/**
 * The k eigenvalues of largest modulus of a large matrix by Stewart's Krylov–Schur method (DESIGN
 * §6.3), in real arithmetic: an Arnoldi basis of m vectors from a seeded start, the real Schur form
 * of its Rayleigh quotient, reordered so the wanted Ritz values lead (a complex pair is never
 * split), restart on the leading part. A Ritz pair (λ, x) is converged when ‖Ax − λx‖ ≤ tol, read
 * off the Krylov–Schur relation without forming x. Once the k largest have converged their Schur
 * vectors are locked and the search goes on from a fresh vector orthogonal to them for a few more
 * cycles, so that a second copy of a multiple eigenvalue, which a single Krylov sequence cannot
 * see, is found. It never throws on a matrix: no convergence within the budget gives
 * {@code converged = false} and the best estimate.
 */
public final class KrylovSchur {
    /** Restart cycles after the first convergence, from a fresh vector, looking for missed eigenvalues. */
    static final int CHECK_CYCLES = 2;
    private static final double REORTHOGONALISE = Math.sqrt(0.5);

    /**
     * @param re the k eigenvalues, ordered as {@link Spectra#order}
     * @param vectorRe the Ritz vector of re[0], im[0] (real and imaginary part, unit norm together)
     * @param residual the largest residual ‖Ax − λx‖ of the k reported pairs
     * @param products matrix-vector products used
     * @param vectors when asked for, the Ritz vector of every reported pair: real part at 2i, imaginary at 2i + 1
     */
    public record Result(double[] re, double[] im, double[] vectorRe, double[] vectorIm, boolean converged, double residual,
                         int restarts, long products, double[] residuals, double[][] vectors) {
        /** The same result marked converged (its residuals met a looser test than the solver's own). */
        Result certified() {
            return new Result(re, im, vectorRe, vectorIm, true, residual, restarts, products, residuals, vectors);
        }

        /** The first k pairs alone (the residual theirs). */
        Result first(int k) {
            if (k >= re.length) return this;
            double worst = 0;
            for (int i = 0; i < k; i++) worst = Math.max(worst, residuals[i]);
            return new Result(Arrays.copyOf(re, k), Arrays.copyOf(im, k), vectorRe, vectorIm, converged, worst, restarts, products,
                    Arrays.copyOf(residuals, k), vectors == null ? null : Arrays.copyOf(vectors, 2 * k));
        }
    }

    private final MatrixOperator a;
    private final int n, k, m;
    private final double tol;
    private final boolean allVectors;
    private final SeededRandom rng;
    private final double[] v, h, w, coef;
    private long products;
    private double[] lockedRe = new double[0], lockedIm = new double[0], lockedRes = new double[0]; // pairs locked at the first convergence

    private KrylovSchur(MatrixOperator a, int k, int m, double tol, long seed, boolean allVectors) {
        this.a = a;
        this.allVectors = allVectors;
        this.n = a.n();
        this.k = k;
        this.m = m;
        this.tol = tol;
        this.rng = new SeededRandom(seed, SeededRandom.Stream.KRYLOV);
        v = new double[n * (m + 1)];
        h = new double[(m + 1) * m];
        w = new double[n];
        coef = new double[m + 1];
    }

    /**
     * The k largest-modulus eigenvalues of A.
     *
     * @param m the basis size (at least k + 2; at most n, where the basis spans everything)
     * @param tol the residual below which a Ritz pair counts as converged
     * @param maxRestarts the iteration budget, in restart cycles
     */
    public static Result largest(MatrixOperator a, int k, int m, double tol, int maxRestarts, long seed) {
        return largest(a, k, m, tol, maxRestarts, seed, false);
    }

    /** As {@link #largest(MatrixOperator, int, int, double, int, long)}, with every reported pair's Ritz vector when asked. */
    static Result largest(MatrixOperator a, int k, int m, double tol, int maxRestarts, long seed, boolean allVectors) {
        int n = a.n();
        if (k < 1 || k > n) throw new IllegalArgumentException("k must be in 1 … n = " + n + ", got " + k);
        return new KrylovSchur(a, k, Math.min(n, Math.max(m, k + 2)), tol, seed, allVectors).run(maxRestarts);
    }

    private Result run(int maxRestarts) {
        randomOrthogonal(0);
        int start = 0, restarts = 0, check = -1; // check: cycles run since the first convergence (−1: none yet)
        int keep = Math.min(m - 1, k + (m - k) / 2);
        Ritz last = null;
        while (true) {
            int top = expand(start);
            Ritz r = new Ritz(top);
            last = r;
            boolean done = r.converged(k);
            boolean exhausted = restarts >= maxRestarts || top < m; // top < m: the basis spans an invariant subspace
            if (done && check < 0 && top == m && n > m) {
                // lock the converged leading block and look on from a fresh direction
                int locked = r.sortAndCut(k);
                lockedRe = Arrays.copyOf(r.wr, locked);
                lockedIm = Arrays.copyOf(r.wi, locked);
                lockedRes = Arrays.copyOf(r.residual, locked);
                r.restart(locked, true);
                randomOrthogonal(locked);
                start = locked;
                check = 0;
                restarts++;
                continue;
            }
            if (check >= 0) check++;
            if (done || exhausted || check > CHECK_CYCLES) {
                boolean converged = done || (check > CHECK_CYCLES && r.convergedCount() >= k);
                return r.result(converged, restarts);
            }
            int kept = r.sortAndCut(keep);
            r.restart(kept, false);
            start = kept;
            restarts++;
        }
    }

    /**
     * Arnoldi from column {@code start} to m: A V_m = V_m H_m + h_{m+1,m} v_{m+1} e_mᵀ (with the
     * restarted rows above). Returns m, or fewer when A V spans an invariant subspace of size n.
     */
    private int expand(int start) {
        for (int j = start; j < m; j++) {
            a.times(v, j * n, w);
            products++;
            double before = Vectors.norm(w);
            Arrays.fill(coef, 0.0);
            double norm = before;
            double[] c = new double[j + 1];
            for (int pass = 0; pass < 2; pass++) { // classical Gram–Schmidt, again when it cancelled much (DGKS)
                Vectors.multiplyBlockTransposed(v, n, j + 1, w, c);
                Vectors.subtractBlock(v, n, j + 1, c, w);
                for (int i = 0; i <= j; i++) coef[i] += c[i];
                double after = Vectors.norm(w);
                boolean enough = after > REORTHOGONALISE * norm;
                norm = after;
                if (enough) break;
            }
            for (int i = 0; i <= j; i++) h[i + j * (m + 1)] += coef[i];
            if (j + 1 == n) return n; // the whole space: H_n is A in the basis V
            if (norm <= 1e-14 * Math.max(before, Double.MIN_NORMAL) || norm == 0) {
                // an invariant subspace: exact Ritz values so far; carry on from a fresh orthogonal direction
                h[j + 1 + j * (m + 1)] = 0;
                randomOrthogonal(j + 1);
            } else {
                h[j + 1 + j * (m + 1)] = norm;
                for (int i = 0; i < n; i++) v[(j + 1) * n + i] = w[i] / norm;
            }
        }
        return m;
    }

    /** The residual a locked pair had when it was locked (0 for one that was not locked). */
    private double lockedAt(double re, double im) {
        double best = Double.POSITIVE_INFINITY, res = 0;
        for (int i = 0; i < lockedRe.length; i++) {
            double d = Math.hypot(lockedRe[i] - re, lockedIm[i] - im);
            if (d < best) {
                best = d;
                res = lockedRes[i];
            }
        }
        return best <= 1e-8 * Math.max(1e-300, Math.hypot(re, im)) ? res : 0;
    }

    /** Column {@code col} of V: a seeded random unit vector orthogonal to the columns before it. */
    private void randomOrthogonal(int col) {
        double[] x = rng.gaussians(n), c = new double[Math.max(1, col)];
        for (int pass = 0; pass < 2 && col > 0; pass++) {
            Vectors.multiplyBlockTransposed(v, n, col, x, c);
            Vectors.subtractBlock(v, n, col, c, x);
        }
        double norm = Vectors.norm(x);
        for (int i = 0; i < n; i++) v[col * n + i] = x[i] / norm;
    }

    /** The Schur form of the current Rayleigh quotient H_top and what is read off it. */
    private final class Ritz {
        final int size;
        final double[] t, z, wr, wi;
        final double beta; // h_{top+1, top}
        double[] residual;

        Ritz(int size) {
            this.size = size;
            t = new double[size * size];
            for (int j = 0; j < size; j++) System.arraycopy(h, j * (m + 1), t, j * size, size);
            z = new double[size * size];
            wr = new double[size];
            wi = new double[size];
            beta = size < m || size == n ? 0 : h[m + (m - 1) * (m + 1)];
            if (!Lapack.schur(size, t, z, wr, wi)) throw new IllegalStateException("dgees did not converge");
            residuals();
        }

        /**
         * Moves the {@code count} largest-modulus Ritz values to the leading block (a complex pair
         * is kept whole, so the block may be one larger); returns its size.
         */
        int sortAndCut(int count) {
            Integer[] order = Spectra.order(wr, wi);
            boolean[] select = new boolean[size];
            for (int i = 0; i < Math.min(count, size); i++) select[order[i]] = true;
            int lead = Lapack.reorderSchur(size, select, t, z, wr, wi);
            residuals();
            return lead;
        }

        /** Positions of the Ritz values, largest modulus first. */
        Integer[] order() {
            return Spectra.order(wr, wi);
        }

        /** ‖A x − λ x‖ for each Ritz pair of the leading block, from b = β·(last row of Z) and T's eigenvectors. */
        void residuals() {
            residual = new double[size];
            if (beta == 0) return;
            double[] y = Lapack.quasiTriangularEigenvectors(size, t, size);
            for (int j = 0; j < size; j++) {
                boolean pair = wi[j] != 0 && j + 1 < size && wi[j] > 0;
                double br = 0, bi = 0, nr = 0;
                for (int i = 0; i < size; i++) {
                    double b = beta * z[(size - 1) + i * size];
                    br += b * y[i + j * size];
                    nr += y[i + j * size] * y[i + j * size];
                    if (pair) {
                        bi += b * y[i + (j + 1) * size];
                        nr += y[i + (j + 1) * size] * y[i + (j + 1) * size];
                    }
                }
                residual[j] = Math.hypot(br, bi) / Math.sqrt(nr);
                if (pair) residual[++j] = residual[j - 1];
            }
        }

        /** Whether the k leading (largest) Ritz pairs have converged. */
        boolean converged(int k) {
            Integer[] order = order();
            for (int j = 0; j < Math.min(k, size); j++) if (!(residual[order[j]] <= tol)) return false;
            return true;
        }

        int convergedCount() {
            int c = 0;
            for (int j = 0; j < size; j++) if (residual[j] <= tol) c++;
            return c;
        }

        /**
         * Keeps the leading {@code kept} Schur vectors: V_kept = V Z[:, :kept], H = [T_kept; bᵀ]
         * (bᵀ = 0 when {@code lock}: their residuals are within tol, and the fresh vector that
         * follows must not see them), and v_{kept+1} = v_{m+1}.
         */
        void restart(int kept, boolean lock) {
            double[] nv = new double[n * kept];
            dev.ludovic.netlib.blas.BLAS.getInstance().dgemm("N", "N", n, kept, size, 1.0, v, n, z, size, 0.0, nv, n);
            System.arraycopy(v, size * n, v, kept * n, n); // the continuation vector
            System.arraycopy(nv, 0, v, 0, n * kept);
            Arrays.fill(h, 0.0);
            for (int j = 0; j < kept; j++) {
                for (int i = 0; i < kept; i++) h[i + j * (m + 1)] = t[i + j * size];
                h[kept + j * (m + 1)] = lock ? 0 : beta * z[(size - 1) + j * size];
            }
        }

        /** The k leading pairs, best converged first, as a result. */
        Result result(boolean converged, int restarts) {
            int count = Math.min(k, size);
            // prefer converged pairs among the leading ones: an unconverged Ritz value from the
            // check cycles is dropped when k converged ones remain
            int[] pick = new int[count];
            int p = 0;
            Integer[] order = order();
            boolean onlyConverged = converged && convergedCount() >= count;
            for (int j = 0; j < size && p < count; j++)
                if (!onlyConverged || residual[order[j]] <= tol) pick[p++] = order[j];
            double[] re = new double[count], im = new double[count], res = new double[count];
            double worst = 0;
            for (int i = 0; i < count; i++) {
                re[i] = wr[pick[i]];
                im[i] = wi[pick[i]];
                // a pair locked at the first convergence keeps the residual it had then (its coupling was dropped)
                res[i] = Math.max(residual[pick[i]], lockedAt(re[i], im[i]));
                worst = Math.max(worst, res[i]);
            }
            double[][] x = vector(pick[0]);
            double[][] all = null;
            if (allVectors) {
                all = new double[2 * count][];
                for (int i = 0; i < count; i++) {
                    double[][] xi = i == 0 ? x : vector(pick[i]);
                    all[2 * i] = xi[0];
                    all[2 * i + 1] = xi[1];
                }
            }
            return new Result(re, im, x[0], x[1], converged, worst, restarts, products, res, all);
        }

        /** The Ritz vector V Z y of Ritz value j (real and imaginary part). */
        double[][] vector(int j) {
            double[] y = Lapack.quasiTriangularEigenvectors(size, t, size);
            boolean complex = wi[j] != 0;
            int first = complex && wi[j] < 0 ? j - 1 : j;
            double[] zr = new double[size], zi = new double[size];
            for (int i = 0; i < size; i++)
                for (int l = 0; l < size; l++) {
                    zr[i] += z[i + l * size] * y[l + first * size];
                    if (complex) zi[i] += z[i + l * size] * y[l + (first + 1) * size] * (wi[j] < 0 ? -1 : 1);
                }
            double[] xr = new double[n], xi = new double[n];
            for (int l = 0; l < size; l++)
                for (int i = 0; i < n; i++) {
                    xr[i] += v[l * n + i] * zr[l];
                    if (complex) xi[i] += v[l * n + i] * zi[l];
                }
            double norm = Math.hypot(Vectors.norm(xr), Vectors.norm(xi));
            Vectors.scale(xr, 1 / norm);
            Vectors.scale(xi, 1 / norm);
            return new double[][] {xr, xi};
        }
    }
}

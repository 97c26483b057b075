package org.spectralflow.math;

/**
 * The largest-modulus eigenvalues of A from a Krylov–Schur run on (cA)^p (c = √n/‖A‖_F keeps the
 * powers near 1 for a circular-law matrix): the same eigenvectors, moduli in the same order. Each
 * λ is recovered from its Ritz vector x of (cA)^p by the Rayleigh quotient xᴴAx/xᴴx, and its
 * residual ‖Ax − λx‖ is computed on A itself, so what is reported is checked against A, not
 * inferred. Where that check fails (p-th powers of two eigenvalues that coincide mix their
 * vectors, or the budget ran out) it answers null and the caller runs the method on A.
 */
final class ThroughPower {
    private ThroughPower() {}

    /**
     * @param tol the residual the run on (cA)^p aims at, scaled to A
     * @param accept the largest residual on A that a reported pair may have
     */
    static KrylovSchur.Result eigenvalues(MatrixOperator a, int k, int m, int p, double tol, double accept, int maxRestarts, long seed) {
        int n = a.n();
        double fro = a.frobeniusNorm();
        if (!(fro > 0) || !Double.isFinite(fro)) return null;
        double c = Math.sqrt(n) / fro;
        KrylovSchur.Result r = KrylovSchur.largest(power(a, p, c), k, m, tol * c, maxRestarts, seed, true);
        if (!r.converged()) return null;
        int count = r.re().length;
        double[] re = new double[count], im = new double[count], res = new double[count];
        double[] ar = new double[n], ai = new double[n];
        for (int i = 0; i < count; i++) {
            double[] xr = r.vectors()[2 * i], xi = r.vectors()[2 * i + 1];
            a.times(xr, 0, ar);
            a.times(xi, 0, ai);
            double nx = Vectors.dot(xr, xr) + Vectors.dot(xi, xi);
            // xᴴAx for x = xr + i·xi: (xr·Axr + xi·Axi) + i(xr·Axi − xi·Axr)
            double lr = (Vectors.dot(xr, ar) + Vectors.dot(xi, ai)) / nx;
            double li = (Vectors.dot(xr, ai) - Vectors.dot(xi, ar)) / nx;
            double s = 0;
            for (int j = 0; j < n; j++) {
                double dr = ar[j] - (lr * xr[j] - li * xi[j]), di = ai[j] - (lr * xi[j] + li * xr[j]);
                s += dr * dr + di * di;
            }
            re[i] = lr;
            im[i] = li;
            res[i] = Math.sqrt(s / nx);
            if (!(res[i] <= accept)) return null;
        }
        Integer[] order = Spectra.order(re, im);
        double[] sre = new double[count], sim = new double[count], sres = new double[count];
        double worst = 0;
        for (int i = 0; i < count; i++) {
            sre[i] = re[order[i]];
            sim[i] = im[order[i]];
            sres[i] = res[order[i]];
            worst = Math.max(worst, sres[i]);
        }
        double[] vr = r.vectors()[2 * order[0]], vi = r.vectors()[2 * order[0] + 1]; // already x̄ where λ̄ is reported
        long products = r.products() * p + 2L * count;
        return new KrylovSchur.Result(sre, sim, vr, vi, true, worst, r.restarts(), products, sres, null);
    }

    /** x ↦ (cA)^p x. */
    private static MatrixOperator power(MatrixOperator a, int p, double c) {
        int n = a.n();
        double[] t = new double[n];
        return new MatrixOperator() {
            public int n() { return n; }
            public void times(double[] x, int from, double[] y) {
                System.arraycopy(x, from, t, 0, n);
                for (int i = 0; i < p; i++) {
                    a.times(t, 0, y);
                    for (int j = 0; j < n; j++) t[j] = c * y[j];
                }
                System.arraycopy(t, 0, y, 0, n);
            }
            public void timesTransposed(double[] x, int from, double[] y) { throw new UnsupportedOperationException("not needed"); }
            public void timesBlock(double[] q, double[] z, int k) { throw new UnsupportedOperationException("not needed"); }
            public void timesTransposedBlock(double[] q, double[] z, int k) { throw new UnsupportedOperationException("not needed"); }
            public double frobeniusNorm() { return Math.sqrt(n); }
        };
    }
}

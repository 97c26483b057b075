package org.spectralflow.math;

/**
 * The top of the spectrum of a small symmetric tridiagonal matrix (diagonal d, off-diagonal e),
 * by its LDLᵀ pivots: O(k) per evaluation, for the Lanczos convergence test.
 */
final class Tridiagonal {
    private static final double EPS = Math.ulp(1.0);

    private Tridiagonal() {}

    /**
     * The largest eigenvalue by Newton's method on the characteristic polynomial from an upper
     * bound: with real roots it descends monotonically and never passes the largest one. The
     * closer the start, the fewer steps: the caller's estimate helps when it has one.
     *
     * @param near an estimate of the eigenvalue (0 if none): the start is the first of near +
     *     margin, near + 16·margin, … that a Sturm count proves an upper bound, else Gershgorin's
     */
    static double largestEigenvalue(double[] d, double[] e, int k, double near, double margin) {
        double bound = gershgorinUpper(d, e, k), x = bound;
        if (near > 0 && margin > 0)
            for (double m = margin; near + m < bound; m *= 16)
                if (countAbove(d, e, k, near + m) == 0) {
                    x = near + m;
                    break;
                }
        for (int it = 0; it < 10_000; it++) {
            // pivots q_i of T − xI and their derivatives; p'/p = Σ q_i'/q_i = Σ 1/(x − λ_i)
            double q = d[0] - x, dq = -1, sum = dq / q;
            if (q == 0) return x;
            for (int i = 1; i < k; i++) {
                double e2 = e[i - 1] * e[i - 1];
                double qi = d[i] - x - e2 / q;
                dq = -1 + e2 * dq / (q * q);
                q = qi;
                if (q == 0) return x;
                sum += dq / q;
            }
            double next = x - 1 / sum;
            if (!(next < x)) return x; // stalled at rounding level
            boolean done = x - next <= EPS * Math.abs(x);
            x = next;
            if (done) return x;
        }
        return x;
    }

    /** How many eigenvalues exceed x (Sylvester: the non-negative pivots of T − xI). */
    static int countAbove(double[] d, double[] e, int k, double x) {
        int above = 0;
        double q = 1;
        for (int i = 0; i < k; i++) {
            double e2 = i > 0 ? e[i - 1] * e[i - 1] : 0;
            q = d[i] - x - (i > 0 ? e2 / q : 0);
            if (q == 0) q = -EPS * (Math.abs(d[i]) + Math.abs(x)) - Double.MIN_NORMAL; // x counts as not above
            if (q > 0) above++;
        }
        return above;
    }

    /**
     * Unit eigenvector for the largest eigenvalue theta, by inverse iteration with a shift just
     * above it: T − σI is then negative definite and its LDLᵀ needs no pivoting.
     */
    static double[] topEigenvector(double[] d, double[] e, int k, double theta) {
        double sigma = theta + 4 * EPS * Math.max(Math.abs(theta), gershgorinUpper(d, e, k)) + Double.MIN_NORMAL;
        double[] q = new double[k], l = new double[k], s = new double[k];
        q[0] = d[0] - sigma;
        for (int i = 1; i < k; i++) {
            l[i - 1] = e[i - 1] / q[i - 1];
            q[i] = d[i] - sigma - l[i - 1] * e[i - 1];
        }
        java.util.Arrays.fill(s, 1.0);
        for (int it = 0; it < 3; it++) {
            for (int i = 1; i < k; i++) s[i] -= l[i - 1] * s[i - 1]; // L y = s
            for (int i = 0; i < k; i++) s[i] /= q[i];                // D z = y
            for (int i = k - 2; i >= 0; i--) s[i] -= l[i] * s[i + 1]; // Lᵀ s = z
            double norm = Vectors.norm(s);
            Vectors.scale(s, 1 / norm);
        }
        return s;
    }

    private static double gershgorinUpper(double[] d, double[] e, int k) {
        double g = -Double.MAX_VALUE;
        for (int i = 0; i < k; i++)
            g = Math.max(g, d[i] + (i > 0 ? Math.abs(e[i - 1]) : 0) + (i < k - 1 ? Math.abs(e[i]) : 0));
        return g;
    }
}

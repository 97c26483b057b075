package org.spectralflow.math;

import org.spectralflow.model.Analysis;
import org.spectralflow.model.MatrixRecipe;
import org.spectralflow.model.Outcome;

/**
 * Linear back-propagation by B = Wᵀ (DESIGN §3): growth curve, rate, the separation of g and
 * g + δv propagated as two vectors, the transient peak, and the forward Lyapunov exponent.
 * Vectors are renormalised every step (a pair by one common factor) and norms kept as logarithms.
 */
public final class LinearPropagation {
    private static final int PROBE_ITERATIONS = 30;
    private static final double LN2 = Math.log(2);

    private LinearPropagation() {}

    /**
     * @param v unit dominant eigenvector of B, |λ₁| = rho
     * @param probeSeed seeds the start of the power iteration for the transient-peak probe
     */
    public static Analysis.Linear fixed(double[] w, int n, double[] g, double[] v, double rho, double sigma1,
                                        double delta, int steps, double explode, long probeSeed) {
        // x and y = x + δv/‖g‖ travel in double-double and are rescaled by one power of two, so
        // their difference, δ|λ₁|ⁿ against |x| ~ ρⁿ, keeps ~50 bits over many steps
        double gNorm = Vectors.norm(g);
        double[] xh = new double[n], xl = new double[n], yh = new double[n], yl = new double[n];
        for (int i = 0; i < n; i++) {
            xh[i] = g[i] / gNorm;
            xl[i] = Math.fma(-xh[i], gNorm, g[i]) / gNorm;
            double d = delta * v[i] / gNorm;
            yh[i] = xh[i] + d;
            yl[i] = ((xh[i] - (yh[i] - (yh[i] - xh[i]))) + (d - (yh[i] - xh[i]))) + xl[i];
        }
        double[] p = topRightSingularVector(w, n, probeSeed);
        double[] bxh = new double[n], bxl = new double[n], byh = new double[n], byl = new double[n];
        double[] bp = new double[n], diff = new double[n];
        double[][] scratch = new double[4][n];
        double[] growth = new double[steps], separation = new double[steps];
        // vectors are renormalised by powers of two, exactly: a norm is its mantissa norm × 2^exponent
        long exp = 0, probeExp = 0;
        double logLogA = 0, peak = sigma1;
        double logRho = Math.log(rho), logDelta = Math.log(delta / gNorm);
        for (int s = 1; s <= steps; s++) {
            Vectors.multiplyTransposedDD(w, n, xh, xl, yh, yl, bxh, bxl, byh, byl, scratch);
            double c = Vectors.norm(bxh);
            if (c == 0) c = Vectors.norm(byh);
            int e = c == 0 || !Double.isFinite(c) ? 0 : Math.getExponent(c);
            double scale = Math.scalb(1.0, -e);
            for (int i = 0; i < n; i++) {
                xh[i] = bxh[i] * scale;
                xl[i] = bxl[i] * scale;
                yh[i] = byh[i] * scale;
                yl[i] = byl[i] * scale;
                diff[i] = (yh[i] - xh[i]) + (yl[i] - xl[i]);
            }
            exp += e;
            double norm = Vectors.norm(xh);
            logLogA = exp * LN2 + Math.log(norm);
            growth[s - 1] = times2To(norm, exp);
            double dn = Vectors.norm(diff), num = times2To(dn, exp), den = delta / gNorm * Math.pow(rho, s);
            separation[s - 1] = num > Double.MIN_NORMAL && den > Double.MIN_NORMAL && Double.isFinite(num) && Double.isFinite(den)
                    ? num / den // in range: a few ulps
                    : Math.exp(exp * LN2 + Math.log(dn) - logDelta - s * logRho);

            Vectors.multiplyTransposed(w, n, p, bp);
            double cp = Vectors.norm(bp);
            int ep = cp == 0 || !Double.isFinite(cp) ? 0 : Math.getExponent(cp);
            probeExp += ep;
            double pscale = Math.scalb(1.0, -ep);
            for (int i = 0; i < n; i++) p[i] = bp[i] * pscale;
            peak = Math.max(peak, Math.max(growth[s - 1], times2To(Vectors.norm(p), probeExp)));
        }
        double rate = logLogA / steps;
        return new Analysis.Linear(steps, growth, rate, separation, peak, forwardLyapunov(w, n, g, steps),
                Outcome.ofLogRatio(logLogA, explode));
    }

    /** x·2^e as a double (0 or ∞ out of range), for exponents beyond int as well. */
    static double times2To(double x, long e) {
        return Math.scalb(x, (int) Math.max(-4000, Math.min(4000, e)));
    }

    /** Growth of g under a product of independent random matrices drawn from {@code recipe}. */
    public static Analysis.Linear independent(MatrixRecipe recipe, double[] g, int steps, double explode, long seed) {
        int n = recipe.n();
        SeededRandom rng = new SeededRandom(seed, SeededRandom.Stream.JACOBIAN);
        double[] x = g.clone(), bx = new double[n], growth = new double[steps];
        Vectors.scale(x, 1 / Vectors.norm(x));
        double logA = 0;
        for (int s = 1; s <= steps; s++) {
            double[] w = MatrixGenerator.generate(recipe, rng);
            Vectors.multiplyTransposed(w, n, x, bx);
            double c = Vectors.norm(bx);
            logA += Math.log(c);
            if (c > 0) for (int i = 0; i < n; i++) x[i] = bx[i] / c;
            growth[s - 1] = Math.exp(logA);
        }
        double peak = 0;
        for (double a : growth) peak = Math.max(peak, a);
        return new Analysis.Linear(steps, growth, logA / steps, null, peak, logA / steps,
                Outcome.ofLogRatio(logA, explode));
    }

    /** ln(‖Bᵀ g‖/‖g‖) after {@code steps} steps of B = Wᵀ, renormalising every step. */
    public static double logGrowth(double[] w, int n, double[] g, int steps) {
        double[] x = g.clone(), bx = new double[n];
        double logA = -Math.log(Vectors.norm(x));
        for (int s = 0; s < steps; s++) {
            Vectors.multiplyTransposed(w, n, x, bx);
            double c = Vectors.norm(bx);
            logA += Math.log(c);
            if (c == 0) return Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) x[i] = bx[i] / c;
        }
        return logA;
    }

    /** Burn-in before averaging a Lyapunov exponent: the first tenth of the run. */
    static int burnIn(int steps) {
        return steps / 10;
    }

    /** Largest Lyapunov exponent of h ← W h by the one-vector QR method, started from u₀ = g. */
    static double forwardLyapunov(double[] w, int n, double[] g, int steps) {
        double[] u = g.clone(), wu = new double[n];
        Vectors.scale(u, 1 / Vectors.norm(u));
        int burn = burnIn(steps);
        double sum = 0;
        for (int t = 0; t < steps; t++) {
            Vectors.multiply(w, n, u, wu);
            double c = Vectors.norm(wu);
            if (t >= burn) sum += Math.log(c);
            if (c == 0) return Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) u[i] = wu[i] / c;
        }
        return sum / (steps - burn);
    }

    /** Power iteration on BᵀB = W Wᵀ: a unit vector close to B's top right singular vector. */
    static double[] topRightSingularVector(double[] w, int n, long seed) {
        double[] p = new SeededRandom(seed, SeededRandom.Stream.LYAPUNOV).unitVector(n);
        double[] t = new double[n], q = new double[n];
        for (int it = 0; it < PROBE_ITERATIONS; it++) {
            Vectors.multiplyTransposed(w, n, p, t); // B p
            Vectors.multiply(w, n, t, q);           // Bᵀ B p
            double c = Vectors.norm(q);
            if (c == 0 || !Double.isFinite(c)) break;
            for (int i = 0; i < n; i++) p[i] = q[i] / c;
        }
        return p;
    }
}

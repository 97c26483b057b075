package org.spectralflow.math;

import org.spectralflow.model.Analysis;
import org.spectralflow.model.MatrixRecipe;
import org.spectralflow.model.Outcome;

/**
 * Linear back-propagation by B = Wᵀ (DESIGN §3): growth curve, rate, the separation of g and
 * g + δv propagated as two vectors, the transient peak, and the forward Lyapunov exponent.
 * Vectors are renormalised every step (a pair by one common factor) and norms kept as logarithms.
 * The pair is propagated in double precision, as any float64 simulation would: the ratio's
 * rounding error is at most about T·ε/δ (2.2e-8 at δ = 1e-6, T = 100; typically 1e-9).
 */
public final class LinearPropagation {
    private static final double LN2 = Math.log(2);

    private LinearPropagation() {}

    /**
     * @param v unit dominant eigenvector of B, |λ₁| = rho
     * @param probe unit vector with ‖B probe‖ = σ₁: its growth under B bounds ‖Bⁿ‖₂ from below
     */
    public static Analysis.Linear fixed(double[] w, int n, double[] g, double[] v, double rho, double[] probe,
                                        double sigma1, double delta, int steps, double explode) {
        // One n×3 block [x | y | p] goes through B per step (one pass over W): x = g/‖g‖,
        // y = (g + δv)/‖g‖, and p, the transient probe. x and y share one power-of-two factor.
        double gNorm = Vectors.norm(g);
        double[] cur = new double[3 * n], next = new double[3 * n], diff = new double[n];
        for (int i = 0; i < n; i++) {
            cur[i] = g[i] / gNorm;
            cur[n + i] = cur[i] + delta * v[i] / gNorm;
        }
        System.arraycopy(probe, 0, cur, 2 * n, n);
        double[] growth = new double[steps], separation = new double[steps];
        // renormalised by powers of two, exactly: a norm is its mantissa norm × 2^exponent
        long exp = 0, probeExp = 0;
        double logLogA = 0, peak = sigma1;
        double logRho = Math.log(rho), logDelta = Math.log(delta / gNorm);
        for (int s = 1; s <= steps; s++) {
            Vectors.multiplyTransposed(w, n, cur, next, 3);
            double xNorm = Vectors.norm(next, 0, n);
            int e = exponent(xNorm == 0 ? Vectors.norm(next, n, n) : xNorm);
            double scale = Math.scalb(1.0, -e);
            for (int i = 0; i < n; i++) {
                double x = next[i] * scale, y = next[n + i] * scale;
                cur[i] = x;
                cur[n + i] = y;
                diff[i] = y - x;
            }
            exp += e;
            double norm = xNorm * scale; // a power-of-two rescaling changes the norm exactly
            logLogA = exp * LN2 + Math.log(norm);
            growth[s - 1] = times2To(norm, exp);
            double dn = Vectors.norm(diff), num = times2To(dn, exp), den = delta / gNorm * Math.pow(rho, s);
            separation[s - 1] = num > Double.MIN_NORMAL && den > Double.MIN_NORMAL && Double.isFinite(num) && Double.isFinite(den)
                    ? num / den // in range: a few ulps
                    : Math.exp(exp * LN2 + Math.log(dn) - logDelta - s * logRho);

            double pNorm = Vectors.norm(next, 2 * n, n);
            int ep = exponent(pNorm);
            probeExp += ep;
            double pscale = Math.scalb(1.0, -ep);
            for (int i = 2 * n; i < 3 * n; i++) cur[i] = next[i] * pscale;
            peak = Math.max(peak, Math.max(growth[s - 1], times2To(pNorm * pscale, probeExp)));
        }
        double rate = logLogA / steps;
        return new Analysis.Linear(steps, growth, rate, separation, peak, forwardLyapunov(w, n, g, steps),
                Outcome.ofLogRatio(logLogA, explode));
    }

    /** The binary exponent of a positive finite norm; 0 for 0 or non-finite, which are left as they are. */
    static int exponent(double norm) {
        return norm == 0 || !Double.isFinite(norm) ? 0 : Math.getExponent(norm);
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
}

package org.spectralflow.math;

import org.spectralflow.model.Analysis;
import org.spectralflow.model.MatrixRecipe;
import org.spectralflow.model.Outcome;

/**
 * Linear back-propagation by B = Wᵀ (DESIGN §3): growth curve, rate, the separation of g and
 * g + δv propagated as two vectors, the transient peak ({@link Pair}, run by {@link Propagation}
 * beside the tanh network; the forward map's exponent is a {@link LyapunovVector}), and products of
 * independent Jacobians.
 * Vectors are renormalised every step (a pair by one common factor) and norms kept as logarithms.
 * The pair is propagated in double precision, as any float64 simulation would: the ratio's
 * rounding error is at most about T·ε/δ (2.2e-8 at δ = 1e-6, T = 100; typically 1e-9).
 */
public final class LinearPropagation {
    static final double LN2 = Math.log(2);

    private LinearPropagation() {}

    /**
     * The pair x = g/‖g‖, y = (g + δv)/‖g‖ and the transient probe p through B: three columns.
     * v is the unit dominant eigenvector of B (|λ₁| = rho), p a unit vector with ‖B p‖ = σ₁, whose
     * growth under B bounds ‖Bⁿ‖₂ from below.
     * x and y share one power-of-two factor per step, so their difference is exactly the scaled
     * separation; p has its own.
     */
    static final class Pair implements Lockstep.Part {
        private final double[] g, v, probe;
        private final double rho, delta, gNorm, logRho, logDelta;
        private final double[] growth, separation, diff;
        private long exp, probeExp;
        private double norm, peak; // norm: ‖x‖ after the last step, in units of 2^exp
        private int peakStep = 1; // the step of the largest lower bound so far

        Pair(double[] g, double[] v, double rho, double[] probe, double sigma1, double delta, int steps) {
            this.g = g;
            this.v = v;
            this.rho = rho;
            this.probe = probe;
            this.delta = delta;
            gNorm = Vectors.norm(g);
            logRho = Math.log(rho);
            logDelta = Math.log(delta / gNorm);
            growth = new double[steps];
            separation = new double[steps];
            diff = new double[g.length];
            peak = sigma1;
        }

        @Override
        public int width() {
            return 3;
        }

        @Override
        public void start(double[] in, int first, int n) {
            int x = first * n, y = x + n;
            for (int i = 0; i < n; i++) {
                in[x + i] = g[i] / gNorm;
                in[y + i] = in[x + i] + delta * v[i] / gNorm;
            }
            System.arraycopy(probe, 0, in, y + n, n);
        }

        @Override
        public void advance(double[] out, double[] in, int first, int n, int s) {
            int x = first * n, y = x + n, p = y + n;
            double xNorm = Vectors.norm(out, x, n);
            int e = exponent(xNorm == 0 ? Vectors.norm(out, y, n) : xNorm);
            double scale = Math.scalb(1.0, -e);
            for (int i = 0; i < n; i++) {
                double a = out[x + i] * scale, b = out[y + i] * scale;
                in[x + i] = a;
                in[y + i] = b;
                diff[i] = b - a;
            }
            exp += e;
            norm = xNorm * scale; // a power-of-two rescaling changes the norm exactly
            growth[s - 1] = times2To(norm, exp);
            double dn = Vectors.norm(diff), num = times2To(dn, exp), den = delta / gNorm * Math.pow(rho, s);
            separation[s - 1] = num > Double.MIN_NORMAL && den > Double.MIN_NORMAL && Double.isFinite(num) && Double.isFinite(den)
                    ? num / den // in range: a few ulps
                    : Math.exp(exp * LN2 + Math.log(dn) - logDelta - s * logRho);

            double pNorm = Vectors.norm(out, p, n);
            int ep = exponent(pNorm);
            probeExp += ep;
            double pScale = Math.scalb(1.0, -ep);
            for (int i = p; i < p + n; i++) in[i] = out[i] * pScale;
            double bound = Math.max(growth[s - 1], times2To(pNorm * pScale, probeExp));
            if (bound > peak) {
                peak = bound;
                peakStep = s;
            }
        }

        /** The step at which the propagated lower bound of ‖Bⁿ‖₂ peaked. */
        int peakStep() {
            return peakStep;
        }

        /** The result with another transient peak (the refined or exact one). */
        Analysis.Linear result(double lyapunov, double explode, double transientPeak) {
            Analysis.Linear r = result(lyapunov, explode);
            return new Analysis.Linear(r.steps(), r.growth(), r.rate(), r.separationRatio(), transientPeak, r.lyapunov(), r.outcome());
        }

        Analysis.Linear result(double lyapunov, double explode) {
            int steps = growth.length;
            double logA = exp * LN2 + Math.log(norm); // ln a_T, finite where a_T itself is not
            return new Analysis.Linear(steps, growth, logA / steps, separation, peak, lyapunov,
                    Outcome.ofLogRatio(logA, explode));
        }
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
}

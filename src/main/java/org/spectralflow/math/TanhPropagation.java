package org.spectralflow.math;

import org.spectralflow.model.Analysis;
import org.spectralflow.model.Outcome;

/**
 * The tanh network h_{t+1} = tanh(W h_t + b) of DESIGN §3: T steps forward from h₀, back-propagation
 * of g_T through J_tᵀ = Wᵀ D_t to g₀, and the forward map's largest Lyapunov exponent.
 */
public final class TanhPropagation {
    private TanhPropagation() {}

    public static Analysis.Tanh run(double[] w, int n, double[] h0, double[] bias, double[] gT, double[] u0,
                                    int steps, double explode) {
        // h and the Lyapunov vector u go through W together, as one n×2 block [h | u]
        double[][] d = new double[steps][];
        double[] hu = new double[2 * n], next = new double[2 * n];
        System.arraycopy(h0, 0, hu, 0, n);
        double uNorm = Vectors.norm(u0);
        for (int i = 0; i < n; i++) hu[n + i] = u0[i] / uNorm;
        int burn = LinearPropagation.burnIn(steps);
        double lyapSum = 0;
        boolean lyapDead = false;
        for (int t = 0; t < steps; t++) {
            Vectors.multiply(w, n, hu, next, 2);
            for (int i = 0; i < n; i++) next[i] += bias[i];
            double[] dt = new double[n];
            Tanh.withDerivative(next, hu, dt, n);
            d[t] = dt;
            if (!lyapDead) {
                for (int i = n; i < 2 * n; i++) next[i] *= dt[i - n];
                double c = Vectors.norm(next, n, n);
                if (t >= burn) lyapSum += Math.log(c);
                if (c == 0) lyapDead = true;
                for (int i = n; i < 2 * n; i++) hu[i] = c == 0 ? 0 : next[i] / c;
            }
        }
        double lyapunov = lyapDead ? Double.NEGATIVE_INFINITY : lyapSum / (steps - burn);

        double[] g = gT.clone(), dg = new double[n];
        Vectors.scale(g, 1 / Vectors.norm(gT)); // q = ‖g₀‖/‖g_T‖ is invariant to g_T's norm
        long exp = 0; // g is renormalised by powers of two, exactly
        boolean zero = false;
        for (int t = steps - 1; t >= 0; t--) {
            double[] dt = d[t];
            for (int i = 0; i < n; i++) dg[i] = dt[i] * g[i];
            Vectors.multiplyTransposed(w, n, dg, g);
            double c = Vectors.norm(g);
            if (c == 0) {
                zero = true;
                break;
            }
            int e = Math.getExponent(c);
            exp += e;
            Vectors.scale(g, Math.scalb(1.0, -e));
        }
        double norm = zero ? 0 : Vectors.norm(g);
        double logQ = zero ? Double.NEGATIVE_INFINITY : exp * Math.log(2) + Math.log(norm);
        double q = zero ? 0 : LinearPropagation.times2To(norm, exp);
        return new Analysis.Tanh(steps, q, logQ / steps, lyapunov, Outcome.ofLogRatio(logQ, explode));
    }
}

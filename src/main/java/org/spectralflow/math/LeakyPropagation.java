package org.spectralflow.math;

import org.spectralflow.model.Analysis;
import org.spectralflow.model.Outcome;
import org.spectralflow.model.Spectrum;

/**
 * Propagation for leaky units (DESIGN §6.4), h_{t+1} = (1 − a)h_t + a·tanh(W h_t + b): the linear
 * map is M = (1 − a)I + aW, so §3's linear quantities are those of M (its spectrum, pair, probe,
 * transient peak, Lyapunov exponent); the tanh network's Jacobian is J_t = (1 − a)I + a·D_t W and its
 * gradient goes back through J_tᵀ = (1 − a)I + a·Wᵀ D_t.
 */
public final class LeakyPropagation {
    private LeakyPropagation() {}

    /** M = (1 − a)I + aW, row-major. */
    public static double[] leakyMatrix(double[] w, int n, double a) {
        double[] m = new double[w.length];
        for (int i = 0; i < w.length; i++) m[i] = a * w[i];
        for (int i = 0; i < n; i++) m[i * n + i] += 1 - a;
        return m;
    }

    /** ρ(M) = max_i |1 − a + a·λ_i| from W's spectrum, exactly (no second eigen-decomposition). */
    public static double effectiveRho(Spectrum s, double a) {
        double rho = 0;
        for (int i = 0; i < s.re().length; i++) rho = Math.max(rho, Math.hypot(1 - a + a * s.re()[i], a * s.im()[i]));
        return rho;
    }

    /** Both halves for a leaky W: the linear half on M through §3's kernels, the tanh half here. */
    public static Propagation.Result run(double[] w, int n, double a, double[] g, double delta, double[] h0, double[] bias,
                                         double[] u0, int steps, double explode, boolean exactTransient) {
        double[] m = leakyMatrix(w, n, a);
        Spectrum ms = Spectra.analyze(m, n);
        Analysis.Linear linear = Propagation.linear(MatrixOperator.dense(m, n), ms, g, delta, steps, explode, exactTransient);
        return new Propagation.Result(linear, tanh(MatrixOperator.dense(w, n), a, h0, bias, g, u0, steps, explode));
    }

    /**
     * Both halves for a sparse W: M = (1 − a)I + aW is never formed, its spectrum {@code ms} comes
     * from the Krylov solver on M itself.
     */
    public static Propagation.Result run(MatrixOperator w, Spectrum ms, double a, double[] g, double delta, double[] h0,
                                         double[] bias, double[] u0, int steps, double explode) {
        Analysis.Linear linear = Propagation.linear(w.leaky(a), ms, g, delta, steps, explode, false);
        return new Propagation.Result(linear, tanh(w, a, h0, bias, g, u0, steps, explode));
    }

    /** The leaky tanh network: forward with its Lyapunov vector, then g_T back to g₀ through the J_tᵀ. */
    static Analysis.Tanh tanh(MatrixOperator w, double a, double[] h0, double[] bias, double[] gT, double[] u0, int steps,
                              double explode) {
        int n = w.n();
        double[] h = h0.clone(), u = u0.clone(), x = new double[n], t = new double[n], d = new double[steps * n], one = new double[n];
        Vectors.scale(u, 1 / Vectors.norm(u));
        int burn = LyapunovVector.burnIn(steps);
        double logU = 0, logAtBurn = 0;
        boolean dead = false;
        for (int s = 0; s < steps; s++) {
            w.times(h, x);
            Tanh.withDerivative(x, 0, bias, t, 0, d, s * n, n); // t = tanh(W h + b), D_s
            for (int i = 0; i < n; i++) h[i] = (1 - a) * h[i] + a * t[i];
            w.times(u, x); // J_s u = (1 − a)u + a·D_s W u
            for (int i = 0; i < n; i++) one[i] = (1 - a) * u[i] + a * d[s * n + i] * x[i];
            double c = Vectors.norm(one);
            if (c == 0) dead = true;
            else {
                logU += Math.log(c);
                for (int i = 0; i < n; i++) u[i] = one[i] / c;
            }
            if (s + 1 == burn) logAtBurn = logU;
        }
        double lyapunov = dead ? Double.NEGATIVE_INFINITY : (logU - logAtBurn) / (steps - burn);
        double[] g = gT.clone(), dg = new double[n];
        double logG = -Math.log(Vectors.norm(g));
        for (int s = steps - 1; s >= 0; s--) { // g_s = (1 − a) g_{s+1} + a·Wᵀ (D_s g_{s+1})
            for (int i = 0; i < n; i++) dg[i] = d[s * n + i] * g[i];
            w.timesTransposed(dg, x);
            for (int i = 0; i < n; i++) g[i] = (1 - a) * g[i] + a * x[i];
            double c = Vectors.norm(g);
            if (c == 0) {
                logG = Double.NEGATIVE_INFINITY;
                break;
            }
            logG += Math.log(c);
            for (int i = 0; i < n; i++) g[i] /= c;
        }
        return new Analysis.Tanh(steps, Math.exp(logG), logG / steps, lyapunov, Outcome.ofLogRatio(logG, explode));
    }
}

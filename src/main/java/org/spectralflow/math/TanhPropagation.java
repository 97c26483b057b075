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
        return run(w, n, h0, bias, gT, u0, steps, explode, false);
    }

    /** As {@link #run(double[], int, double[], double[], double[], double[], int, double)}, for ReLU instead of tanh when {@code relu}. */
    public static Analysis.Tanh run(double[] w, int n, double[] h0, double[] bias, double[] gT, double[] u0,
                                    int steps, double explode, boolean relu) {
        return run(MatrixOperator.dense(w, n), h0, bias, gT, u0, steps, explode, relu);
    }

    /** As above for any W. */
    public static Analysis.Tanh run(MatrixOperator w, double[] h0, double[] bias, double[] gT, double[] u0,
                                    int steps, double explode, boolean relu) {
        Forward forward = new Forward(h0, bias, u0, steps, relu);
        Lockstep.run(w, false, steps, forward);
        Backward backward = forward.backward(gT);
        Lockstep.run(w, true, steps, backward);
        return backward.result(explode);
    }

    /** The state h and the Lyapunov vector u through W, two columns; keeps every D_t for the way back. */
    static final class Forward implements Lockstep.Part {
        private final double[] h0, bias, d;
        private final LyapunovVector lyapunov;
        private final int steps;
        private final boolean relu;

        Forward(double[] h0, double[] bias, double[] u0, int steps) {
            this(h0, bias, u0, steps, false);
        }

        /** @param relu φ = max(0, ·) with D_t = diag(1[W h_t + b > 0]) (DESIGN §6.1) instead of tanh */
        Forward(double[] h0, double[] bias, double[] u0, int steps, boolean relu) {
            this.relu = relu;
            this.h0 = h0;
            this.bias = bias;
            this.steps = steps;
            d = new double[steps * h0.length];
            lyapunov = new LyapunovVector(u0, steps);
        }

        @Override
        public int width() {
            return 2;
        }

        @Override
        public void start(double[] in, int first, int n) {
            System.arraycopy(h0, 0, in, first * n, n);
            lyapunov.start(in, first + 1, n);
        }

        @Override
        public void advance(double[] out, double[] in, int first, int n, int s) {
            int h = first * n, u = h + n, dt = (s - 1) * n;
            if (relu) relu(out, h, bias, in, d, dt, n);
            else Tanh.withDerivative(out, h, bias, in, h, d, dt, n); // h_s = tanh(W h_{s−1} + b), D_{s−1}
            for (int i = 0; i < n; i++) out[u + i] *= d[dt + i]; // J_{s−1} u = D_{s−1} W u
            lyapunov.advance(out, in, first + 1, n, s);
        }

        /** h_s = max(0, W h_{s−1} + b) into in, and D_{s−1} = 1[W h_{s−1} + b > 0]. */
        private static void relu(double[] x, int from, double[] b, double[] t, double[] d, int dt, int n) {
            for (int i = 0; i < n; i++) {
                double z = x[from + i] + b[i];
                boolean on = z > 0;
                t[from + i] = on ? z : 0;
                d[dt + i] = on ? 1 : 0;
            }
        }

        /** The back-propagation of g_T through the Jacobians of this forward run. */
        Backward backward(double[] gT) {
            return new Backward(gT, d, steps, lyapunov.exponent());
        }
    }

    /** g through J_tᵀ = Wᵀ D_t for t = T−1 … 0: one column, renormalised by powers of two. */
    static final class Backward implements Lockstep.Part {
        private final double[] gT, d;
        private final int steps;
        private final double lyapunov;
        private long exp;
        private double norm;
        private boolean zero;

        Backward(double[] gT, double[] d, int steps, double lyapunov) {
            this.gT = gT;
            this.d = d;
            this.steps = steps;
            this.lyapunov = lyapunov;
        }

        @Override
        public int width() {
            return 1;
        }

        @Override
        public void start(double[] in, int first, int n) {
            double c = Vectors.norm(gT); // q = ‖g₀‖/‖g_T‖ is invariant to g_T's norm
            int dt = (steps - 1) * n;
            for (int i = 0; i < n; i++) in[first * n + i] = d[dt + i] * (gT[i] / c);
        }

        @Override
        public void advance(double[] out, double[] in, int first, int n, int s) {
            int g = first * n, t = steps - s; // out holds g_t = Wᵀ D_t g_{t+1}
            double c = Vectors.norm(out, g, n);
            if (c == 0) zero = true; // stays 0 from here on
            int e = LinearPropagation.exponent(c);
            exp += e;
            double scale = Math.scalb(1.0, -e);
            norm = c * scale; // a power-of-two rescaling changes the norm exactly
            if (t > 0) {
                int dt = (t - 1) * n;
                for (int i = 0; i < n; i++) in[g + i] = d[dt + i] * (out[g + i] * scale);
            }
        }

        Analysis.Tanh result(double explode) {
            double logQ = zero ? Double.NEGATIVE_INFINITY : exp * LinearPropagation.LN2 + Math.log(norm);
            double q = zero ? 0 : LinearPropagation.times2To(norm, exp);
            return new Analysis.Tanh(steps, q, logQ / steps, lyapunov, Outcome.ofLogRatio(logQ, explode));
        }
    }
}

package org.spectralflow.math;

import org.spectralflow.model.Activation;
import org.spectralflow.model.Analysis;
import org.spectralflow.model.Precision.Format;

/**
 * The finite-precision experiments of DESIGN §3, with every operation rounded to the format:
 * underflow, death and overflow of h ← W h, and the forgetting horizon of h ← φ(W h + u_t).
 */
public final class FinitePrecisionRun {
    private FinitePrecisionRun() {}

    public static Analysis.FinitePrecision run(Format f, double[] w, int n, double[] h0, double[] h0Prime,
                                               Activation phi, long seed, int budget) {
        return f == Format.F64 ? runF64(w, n, h0, h0Prime, phi, seed, budget)
                : runF32(toFloat(w), n, toFloat(h0), toFloat(h0Prime), phi, seed, budget);
    }

    private static Analysis.FinitePrecision runF64(double[] w, int n, double[] h0, double[] h0p, Activation phi,
                                                   long seed, int budget) {
        int subnormal = -1, dead = -1, overflow = -1;
        double[] prev2 = null, prev = h0.clone(), h = new double[n];
        for (int t = 1; t <= budget; t++) {
            Vectors.multiply(w, n, prev, h);
            double max = 0;
            boolean finite = true;
            for (double x : h) {
                if (!Double.isFinite(x)) finite = false;
                max = Math.max(max, Math.abs(x));
            }
            if (!finite) {
                overflow = t;
                break;
            }
            if (subnormal < 0 && max < Double.MIN_NORMAL) subnormal = t;
            if (max == 0 || same(h, prev) || (prev2 != null && same(h, prev2))) {
                dead = t;
                break;
            }
            double[] recycled = prev2 == null ? new double[n] : prev2;
            prev2 = prev;
            prev = h;
            h = recycled;
        }

        SeededRandom inputs = new SeededRandom(seed, SeededRandom.Stream.INPUT);
        double[] a = h0.clone(), b = h0p.clone(), wa = new double[n], wb = new double[n], u = new double[n];
        double tol = 4 * Format.F64.epsilon;
        int forget = -1;
        for (int t = 1; t <= budget && forget < 0; t++) {
            for (int i = 0; i < n; i++) u[i] = inputs.uniform(-1, 1);
            Vectors.multiply(w, n, a, wa);
            Vectors.multiply(w, n, b, wb);
            double diff = 0, max = 0;
            for (int i = 0; i < n; i++) {
                a[i] = phi.apply(wa[i] + u[i]);
                b[i] = phi.apply(wb[i] + u[i]);
                diff = Math.max(diff, Math.abs(a[i] - b[i]));
                max = Math.max(max, Math.abs(a[i]));
            }
            if (!Double.isFinite(diff) || !Double.isFinite(max)) break;
            if (diff <= tol * Math.max(1, max)) forget = t;
        }
        return new Analysis.FinitePrecision(subnormal, dead, overflow, forget);
    }

    private static Analysis.FinitePrecision runF32(float[] w, int n, float[] h0, float[] h0p, Activation phi,
                                                   long seed, int budget) {
        int subnormal = -1, dead = -1, overflow = -1;
        float[] prev2 = null, prev = h0.clone(), h = new float[n];
        for (int t = 1; t <= budget; t++) {
            Vectors.multiply(w, n, prev, h);
            float max = 0;
            boolean finite = true;
            for (float x : h) {
                if (!Float.isFinite(x)) finite = false;
                max = Math.max(max, Math.abs(x));
            }
            if (!finite) {
                overflow = t;
                break;
            }
            if (subnormal < 0 && max < Float.MIN_NORMAL) subnormal = t;
            if (max == 0 || same(h, prev) || (prev2 != null && same(h, prev2))) {
                dead = t;
                break;
            }
            float[] recycled = prev2 == null ? new float[n] : prev2;
            prev2 = prev;
            prev = h;
            h = recycled;
        }

        SeededRandom inputs = new SeededRandom(seed, SeededRandom.Stream.INPUT);
        float[] a = h0.clone(), b = h0p.clone(), wa = new float[n], wb = new float[n], u = new float[n];
        double tol = 4 * Format.F32.epsilon;
        int forget = -1;
        for (int t = 1; t <= budget && forget < 0; t++) {
            for (int i = 0; i < n; i++) u[i] = (float) inputs.uniform(-1, 1);
            Vectors.multiply(w, n, a, wa);
            Vectors.multiply(w, n, b, wb);
            float diff = 0, max = 0;
            for (int i = 0; i < n; i++) {
                a[i] = phi.apply(wa[i] + u[i]);
                b[i] = phi.apply(wb[i] + u[i]);
                diff = Math.max(diff, Math.abs(a[i] - b[i]));
                max = Math.max(max, Math.abs(a[i]));
            }
            if (!Float.isFinite(diff) || !Float.isFinite(max)) break;
            if (diff <= tol * Math.max(1, max)) forget = t;
        }
        return new Analysis.FinitePrecision(subnormal, dead, overflow, forget);
    }

    private static boolean same(double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) if (x[i] != y[i]) return false;
        return true;
    }

    private static boolean same(float[] x, float[] y) {
        for (int i = 0; i < x.length; i++) if (x[i] != y[i]) return false;
        return true;
    }

    private static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) f[i] = (float) x[i];
        return f;
    }
}

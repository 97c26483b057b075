package org.spectralflow.math;

import org.spectralflow.model.Activation;
import org.spectralflow.model.Analysis;
import org.spectralflow.model.Precision.Format;

/**
 * The finite-precision experiments of DESIGN §3, with every operation rounded to the format:
 * underflow, death and overflow of h ← W h, and the forgetting horizon of h ← φ(W h + u_t). One
 * algorithm for both formats: vectors live in doubles (every f32 value is one exactly), and the
 * format's {@link Arithmetic} does each operation as that format would.
 */
public final class FinitePrecisionRun {
    private FinitePrecisionRun() {}

    /** One format's operations. f32 rounds every product, sum and φ to float, exactly as float code does. */
    interface Arithmetic {
        /** y = W x. */
        void multiply(double[] x, double[] y);

        double add(double a, double b);

        double subtract(double a, double b);

        double phi(Activation f, double x);

        double round(double x);

        static Arithmetic of(Format f, MatrixOperator w) {
            if (w instanceof MatrixOperator.Dense d) return f == Format.F64 ? new F64(w) : new F32(d.w(), d.n());
            return f == Format.F64 ? new F64(w) : new F32Csr(((MatrixOperator.Csr) w).m());
        }
    }

    private record F64(MatrixOperator w) implements Arithmetic {
        public void multiply(double[] x, double[] y) {
            w.times(x, y);
        }

        public double add(double a, double b) {
            return a + b;
        }

        public double subtract(double a, double b) {
            return a - b;
        }

        public double phi(Activation f, double x) {
            return f.apply(x);
        }

        public double round(double x) {
            return x;
        }
    }

    private static class F32 implements Arithmetic {
        private final float[] w, x, y;
        private final int n;

        F32(double[] w, int n) {
            this.w = w == null ? null : toFloat(w);
            this.n = n;
            this.x = new float[n];
            this.y = new float[n];
        }

        public void multiply(double[] in, double[] out) {
            for (int i = 0; i < n; i++) x[i] = (float) in[i];
            Vectors.multiply(w, n, x, y);
            for (int i = 0; i < n; i++) out[i] = y[i];
        }

        public double add(double a, double b) {
            return (float) a + (float) b;
        }

        public double subtract(double a, double b) {
            return (float) a - (float) b;
        }

        public double phi(Activation f, double v) {
            return f.apply((float) v);
        }

        public double round(double v) {
            return (float) v;
        }
    }

    public static Analysis.FinitePrecision run(Format f, double[] w, int n, double[] h0, double[] h0Prime,
                                               Activation phi, long seed, int budget) {
        return run(f, MatrixOperator.dense(w, n), h0, h0Prime, phi, seed, budget);
    }

    public static Analysis.FinitePrecision run(Format f, MatrixOperator w, double[] h0, double[] h0Prime,
                                               Activation phi, long seed, int budget) {
        int n = w.n();
        Arithmetic ar = Arithmetic.of(f, w);
        double[] start = rounded(ar, h0), startPrime = rounded(ar, h0Prime);
        int subnormal = -1, dead = -1, overflow = -1;
        double[] prev2 = null, prev = start.clone(), h = new double[n];
        for (int t = 1; t <= budget; t++) {
            ar.multiply(prev, h);
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
            if (subnormal < 0 && max < f.minNormal) subnormal = t;
            if (max == 0 || same(h, prev) || (prev2 != null && same(h, prev2))) {
                dead = t;
                break;
            }
            double[] recycled = prev2 == null ? new double[n] : prev2;
            prev2 = prev;
            prev = h;
            h = recycled;
        }
        return new Analysis.FinitePrecision(subnormal, dead, overflow, forgetStep(ar, f, n, start, startPrime, phi, seed, budget));
    }

    /** The first step at which the driven map has forgotten which of two starts it came from; −1 if none within the budget. */
    private static int forgetStep(Arithmetic ar, Format f, int n, double[] start, double[] startPrime, Activation phi, long seed,
                                  int budget) {
        SeededRandom inputs = new SeededRandom(seed, SeededRandom.Stream.INPUT);
        double[] a = start.clone(), b = startPrime.clone(), wa = new double[n], wb = new double[n], u = new double[n];
        double tol = 4 * f.epsilon;
        for (int t = 1; t <= budget; t++) {
            for (int i = 0; i < n; i++) u[i] = ar.round(inputs.uniform(-1, 1));
            ar.multiply(a, wa);
            ar.multiply(b, wb);
            double diff = 0, max = 0;
            for (int i = 0; i < n; i++) {
                a[i] = ar.phi(phi, ar.add(wa[i], u[i]));
                b[i] = ar.phi(phi, ar.add(wb[i], u[i]));
                diff = Math.max(diff, Math.abs(ar.subtract(a[i], b[i])));
                max = Math.max(max, Math.abs(a[i]));
            }
            if (!Double.isFinite(diff) || !Double.isFinite(max)) return -1;
            if (diff <= tol * Math.max(1, max)) return t;
        }
        return -1;
    }

    /** f32 through a CSR W: each row's products and sums rounded to float, in the row's column order. */
    private static final class F32Csr extends F32 {
        private final int[] indptr, indices;
        private final float[] data, x;

        F32Csr(org.spectralflow.model.SparseMatrix m) {
            super(null, m.n());
            indptr = m.indptr();
            indices = m.indices();
            data = toFloat(m.data());
            x = new float[m.n()];
        }

        @Override
        public void multiply(double[] in, double[] out) {
            for (int i = 0; i < x.length; i++) x[i] = (float) in[i];
            for (int i = 0; i < x.length; i++) {
                float s = 0;
                for (int k = indptr[i]; k < indptr[i + 1]; k++) s += data[k] * x[indices[k]];
                out[i] = s;
            }
        }
    }

    private static double[] rounded(Arithmetic ar, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = ar.round(v[i]);
        return out;
    }

    private static boolean same(double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) if (x[i] != y[i]) return false;
        return true;
    }

    private static float[] toFloat(double[] x) {
        float[] f = new float[x.length];
        for (int i = 0; i < x.length; i++) f[i] = (float) x[i];
        return f;
    }
}

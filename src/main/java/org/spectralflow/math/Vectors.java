package org.spectralflow.math;

/** Small dense vector and matrix kernels on row-major {@code double[]} and {@code float[]}. */
public final class Vectors {
    /** JNI to the system BLAS where installed (4× the JIT's matrix-vector speed at N = 256), else pure Java. */
    private static final dev.ludovic.netlib.blas.BLAS BLAS = dev.ludovic.netlib.blas.BLAS.getInstance();

    private Vectors() {}

    /** Euclidean norm, scaled so that it neither overflows nor underflows for finite input. */
    public static double norm(double[] x) {
        return norm(x, 0, x.length);
    }

    /** Euclidean norm of x[from, from + len), as {@link #norm(double[])}. */
    public static double norm(double[] x, int from, int len) {
        // one pass with four partial sums (the JIT keeps them in flight together); only when the
        // sum is out of the safe range does it take the scaled two-pass route
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int end = from + len, i = from;
        for (; i + 3 < end; i += 4) {
            s0 += x[i] * x[i];
            s1 += x[i + 1] * x[i + 1];
            s2 += x[i + 2] * x[i + 2];
            s3 += x[i + 3] * x[i + 3];
        }
        for (; i < end; i++) s0 += x[i] * x[i];
        double s = (s0 + s1) + (s2 + s3);
        if (s > 0x1p-900 && s < 0x1p900) return Math.sqrt(s);
        return scaledNorm(x, from, end);
    }

    private static double scaledNorm(double[] x, int from, int end) {
        double scale = 0;
        for (int i = from; i < end; i++) scale = Math.max(scale, Math.abs(x[i]));
        if (scale == 0 || !Double.isFinite(scale)) return scale;
        double s = 0;
        for (int i = from; i < end; i++) {
            double w = x[i] / scale; // not × (1/scale): that overflows for a subnormal scale
            s += w * w;
        }
        return scale * Math.sqrt(s);
    }

    /** x·y (BLAS ddot). */
    public static double dot(double[] x, double[] y) {
        return dev.ludovic.netlib.blas.BLAS.getInstance().ddot(x.length, x, 1, y, 1);
    }

    public static void scale(double[] x, double c) {
        for (int i = 0; i < x.length; i++) x[i] *= c;
    }

    /** y = A x for row-major A (n×n), through BLAS dgemv (a row-major A is a column-major Aᵀ). */
    public static void multiply(double[] a, int n, double[] x, double[] y) {
        BLAS.dgemv("T", n, n, 1.0, a, n, x, 1, 0.0, y, 1);
    }

    /** y = Aᵀ x for the row-major n×n A stored from a[aFrom] (one matrix of several in an array). */
    public static void multiplyTransposed(double[] a, int aFrom, int n, double[] x, double[] y) {
        BLAS.dgemv("N", n, n, 1.0, a, aFrom, n, x, 0, 1, 0.0, y, 0, 1);
    }

    /** Z = W Q for row-major n×n W and an n×k column-major block Q (dgemm on Wᵀ read column-major). */
    public static void multiplyBlock(double[] w, int n, double[] q, double[] z, int k) {
        BLAS.dgemm("T", "N", n, k, n, 1.0, w, n, q, n, 0.0, z, n);
    }

    /** C = A B for row-major n×n A and B (BLAS dgemm on the column-major transposes: Cᵀ = Bᵀ Aᵀ). */
    public static void multiplyMatrices(double[] a, double[] b, int n, double[] c) {
        BLAS.dgemm("N", "N", n, n, n, 1.0, b, n, a, n, 0.0, c, n);
    }

    /** y = Aᵀ x for row-major A (n×n), i.e. the back-propagation operator B = Wᵀ applied to x. */
    public static void multiplyTransposed(double[] a, int n, double[] x, double[] y) {
        BLAS.dgemv("N", n, n, 1.0, a, n, x, 1, 0.0, y, 1);
    }

    /** y = A x[from, from + n) for row-major A (n×n): a vector inside a larger array, not copied out. */
    public static void multiply(double[] a, int n, double[] x, int from, double[] y) {
        BLAS.dgemv("T", n, n, 1.0, a, 0, n, x, from, 1, 0.0, y, 0, 1);
    }

    /** y = Aᵀ x[from, from + n) for row-major A (n×n), as {@link #multiply(double[], int, double[], int, double[])}. */
    public static void multiplyTransposed(double[] a, int n, double[] x, int from, double[] y) {
        BLAS.dgemv("N", n, n, 1.0, a, 0, n, x, from, 1, 0.0, y, 0, 1);
    }

    /**
     * Y = M X for the n×n matrix M stored column-major in {@code m} (a row-major A is a column-major
     * Aᵀ) and k vectors stored one after another in x, an n×k column-major block: one pass over M
     * for all of them (BLAS dgemm), where k separate products would read M k times.
     */
    public static void multiplyColumnMajor(double[] m, int n, double[] x, double[] y, int k) {
        if (k == 1) multiplyTransposed(m, n, x, y); // dgemv: M is the Aᵀ of a row-major A = m
        else BLAS.dgemm("N", "N", n, k, n, 1.0, m, n, x, n, 0.0, y, n);
    }

    /** c = Vᵀ x for the first k columns of V, a column-major n×k block. */
    public static void multiplyBlockTransposed(double[] v, int n, int k, double[] x, double[] c) {
        BLAS.dgemv("T", n, k, 1.0, v, n, x, 1, 0.0, c, 1);
    }

    /** x −= V c for the first k columns of V, a column-major n×k block. */
    public static void subtractBlock(double[] v, int n, int k, double[] c, double[] x) {
        BLAS.dgemv("N", n, k, -1.0, v, n, c, 1, 1.0, x, 1);
    }

    /** y = A x in single precision: every product and sum rounded to float. */
    public static void multiply(float[] a, int n, float[] x, float[] y) {
        for (int i = 0; i < n; i++) {
            float s = 0;
            int row = i * n;
            for (int j = 0; j < n; j++) s += a[row + j] * x[j];
            y[i] = s;
        }
    }

    /** Aᵀ as a new row-major array, in 32×32 tiles so that both sides stay in cache. */
    public static double[] transpose(double[] a, int n) {
        double[] t = new double[n * n];
        for (int i0 = 0; i0 < n; i0 += 32)
            for (int j0 = 0; j0 < n; j0 += 32)
                for (int i = i0; i < Math.min(n, i0 + 32); i++)
                    for (int j = j0; j < Math.min(n, j0 + 32); j++) t[j * n + i] = a[i * n + j];
        return t;
    }

    /** Squared Frobenius norm. */
    public static double frobeniusSquared(double[] a) {
        double s = 0;
        for (double v : a) s += v * v;
        return s;
    }

    /** Index of the first non-finite entry, or −1. */
    public static int firstNonFinite(double[] a) {
        for (int i = 0; i < a.length; i++) if (!Double.isFinite(a[i])) return i;
        return -1;
    }
}

package org.spectralflow.math;

import org.spectralflow.model.DenseMatrix;
import org.spectralflow.model.Matrix;
import org.spectralflow.model.SparseMatrix;

/**
 * A square matrix W as the kernels use it: products with W and with Wᵀ, of one vector or of a
 * column-major n×k block. The dense one calls the same BLAS routines the dense kernels always did
 * (so their results keep every bit); the sparse one costs O(nnz) a vector.
 */
public interface MatrixOperator {
    int n();

    /** y = W x[from, from + n). */
    void times(double[] x, int from, double[] y);

    /** y = Wᵀ x[from, from + n). */
    void timesTransposed(double[] x, int from, double[] y);

    /** Z = W Q for the column-major n×k blocks Q and Z. */
    void timesBlock(double[] q, double[] z, int k);

    /** Z = Wᵀ Q for the column-major n×k blocks Q and Z. */
    void timesTransposedBlock(double[] q, double[] z, int k);

    /** ‖W‖_F. */
    double frobeniusNorm();

    /** Stored entries: what one product costs (n² for a dense W). */
    default long nonzeros() {
        return (long) n() * n();
    }

    default void times(double[] x, double[] y) {
        times(x, 0, y);
    }

    default void timesTransposed(double[] x, double[] y) {
        timesTransposed(x, 0, y);
    }

    /** The operator Wᵀ (its products swapped). */
    default MatrixOperator transposed() {
        MatrixOperator w = this;
        return new MatrixOperator() {
            public int n() { return w.n(); }
            public void times(double[] x, int from, double[] y) { w.timesTransposed(x, from, y); }
            public void timesTransposed(double[] x, int from, double[] y) { w.times(x, from, y); }
            public void timesBlock(double[] q, double[] z, int k) { w.timesTransposedBlock(q, z, k); }
            public void timesTransposedBlock(double[] q, double[] z, int k) { w.timesBlock(q, z, k); }
            public double frobeniusNorm() { return w.frobeniusNorm(); }
            public long nonzeros() { return w.nonzeros(); }
            public MatrixOperator transposed() { return w; }
        };
    }

    /** (1 − a)I + aW, the leaky map of DESIGN §6.4, without forming it. */
    default MatrixOperator leaky(double a) {
        MatrixOperator w = this;
        int n = n();
        return new MatrixOperator() {
            public int n() { return n; }
            public void times(double[] x, int from, double[] y) {
                w.times(x, from, y);
                for (int i = 0; i < n; i++) y[i] = a * y[i] + (1 - a) * x[from + i];
            }
            public void timesTransposed(double[] x, int from, double[] y) {
                w.timesTransposed(x, from, y);
                for (int i = 0; i < n; i++) y[i] = a * y[i] + (1 - a) * x[from + i];
            }
            public void timesBlock(double[] q, double[] z, int k) {
                w.timesBlock(q, z, k);
                for (int i = 0; i < n * k; i++) z[i] = a * z[i] + (1 - a) * q[i];
            }
            public void timesTransposedBlock(double[] q, double[] z, int k) {
                w.timesTransposedBlock(q, z, k);
                for (int i = 0; i < n * k; i++) z[i] = a * z[i] + (1 - a) * q[i];
            }
            public double frobeniusNorm() {
                // ‖aW + (1 − a)I‖_F² = a²‖W‖_F² + 2a(1 − a)·tr W + (1 − a)²n; tr W is bounded by √n‖W‖_F
                // and not kept, so the bound a‖W‖_F + (1 − a)√n serves (a scale, not a result)
                return a * w.frobeniusNorm() + (1 - a) * Math.sqrt(n);
            }
            public long nonzeros() {
                return w.nonzeros() + n;
            }
        };
    }

    static MatrixOperator of(Matrix m) {
        if (m instanceof SparseMatrix s) return new Csr(s);
        DenseMatrix d = (DenseMatrix) m;
        return new Dense(d.rowMajor(), d.n());
    }

    static MatrixOperator dense(double[] w, int n) {
        return new Dense(w, n);
    }

    /** A row-major dense W through BLAS. */
    record Dense(double[] w, int n) implements MatrixOperator {
        public void times(double[] x, int from, double[] y) {
            if (from == 0) Vectors.multiply(w, n, x, y);
            else Vectors.multiply(w, n, x, from, y);
        }

        public void timesTransposed(double[] x, int from, double[] y) {
            if (from == 0) Vectors.multiplyTransposed(w, n, x, y);
            else Vectors.multiplyTransposed(w, n, x, from, y);
        }

        public void timesBlock(double[] q, double[] z, int k) {
            Vectors.multiplyBlock(w, n, q, z, k);
        }

        public void timesTransposedBlock(double[] q, double[] z, int k) {
            Vectors.multiplyColumnMajor(w, n, q, z, k); // row-major W is column-major Wᵀ
        }

        public double frobeniusNorm() {
            return Vectors.norm(w);
        }
    }

    /**
     * A CSR W: O(nnz) a product. Wᵀ is stored too, built once on first use (O(nnz)), so that both
     * directions are row-wise gathers (measured 10 % faster than scattering W's rows for Wᵀ x at N = 10⁴).
     */
    final class Csr implements MatrixOperator {
        private final SparseMatrix m;
        private SparseMatrix transpose;

        Csr(SparseMatrix m) {
            this.m = m;
        }

        SparseMatrix m() {
            return m;
        }

        public int n() {
            return m.n();
        }

        private SparseMatrix t() {
            if (transpose == null) transpose = m.transpose();
            return transpose;
        }

        public void times(double[] x, int from, double[] y) {
            gather(m, x, from, y);
        }

        public void timesTransposed(double[] x, int from, double[] y) {
            gather(t(), x, from, y);
        }

        public void timesBlock(double[] q, double[] z, int k) {
            gather(m, q, z, k);
        }

        public void timesTransposedBlock(double[] q, double[] z, int k) {
            gather(t(), q, z, k);
        }

        public double frobeniusNorm() {
            return Vectors.norm(m.data());
        }

        public long nonzeros() {
            return m.nnz();
        }

        private static void gather(SparseMatrix a, double[] x, int from, double[] y) {
            int[] p = a.indptr(), j = a.indices();
            double[] d = a.data();
            int n = a.n();
            if (from + n > x.length || y.length < n) throw new IndexOutOfBoundsException("vector shorter than " + n);
            // one running index over all rows and two partial sums a row: the sums' add chains
            // overlap instead of waiting on each other
            int e = p[0];
            for (int i = 0; i < n; i++) {
                int end = p[i + 1];
                double s0 = 0, s1 = 0;
                for (; e + 1 < end; e += 2) {
                    s0 += d[e] * x[from + j[e]];
                    s1 += d[e + 1] * x[from + j[e + 1]];
                }
                if (e < end) {
                    s0 += d[e] * x[from + j[e]];
                    e++;
                }
                y[i] = s0 + s1;
            }
        }

        /** Z = A Q for a column-major n×k block: one pass over A for all k columns. */
        private static void gather(SparseMatrix a, double[] q, double[] z, int k) {
            int n = a.n();
            if (k == 1) {
                gather(a, q, 0, z);
                return;
            }
            int[] p = a.indptr(), j = a.indices();
            double[] d = a.data();
            double[] s = new double[k];
            for (int i = 0; i < n; i++) {
                java.util.Arrays.fill(s, 0.0);
                for (int e = p[i]; e < p[i + 1]; e++) {
                    double v = d[e];
                    int col = j[e];
                    for (int c = 0; c < k; c++) s[c] += v * q[c * n + col];
                }
                for (int c = 0; c < k; c++) z[c * n + i] = s[c];
            }
        }
    }
}

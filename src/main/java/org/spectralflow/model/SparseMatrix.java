package org.spectralflow.model;

import java.util.Arrays;

/**
 * An n×n matrix in compressed sparse rows: row i's entries are {@code data[indptr[i] … indptr[i+1])}
 * in the columns {@code indices[…]}, strictly increasing within a row. Checked on construction
 * (O(nnz)), so that no kernel meets an index out of range; the arrays are shared, not copied.
 */
public record SparseMatrix(int n, int[] indptr, int[] indices, double[] data) implements Matrix {
    public SparseMatrix {
        if (n <= 0) throw new IllegalArgumentException("n must be positive, got " + n);
        if (indptr == null || indptr.length != n + 1)
            throw new IllegalArgumentException("indptr must have n + 1 = " + (n + 1L) + " entries");
        if (indptr[0] != 0) throw new IllegalArgumentException("indptr[0] must be 0, got " + indptr[0]);
        for (int i = 0; i < n; i++)
            if (indptr[i + 1] < indptr[i]) throw new IllegalArgumentException("indptr decreases at row " + i);
        int nnz = indptr[n];
        if (indices == null || indices.length != nnz || data == null || data.length != nnz)
            throw new IllegalArgumentException("indices and data must have indptr[n] = " + nnz + " entries");
        for (int i = 0; i < n; i++)
            for (int k = indptr[i]; k < indptr[i + 1]; k++) {
                int j = indices[k];
                if (j < 0 || j >= n) throw new IllegalArgumentException("indices[" + k + "] = " + j + " is out of range for n = " + n);
                if (k > indptr[i] && j <= indices[k - 1])
                    throw new IllegalArgumentException("row " + i + ": column indices must be strictly increasing (no duplicates), got "
                            + indices[k - 1] + " then " + j);
                if (!Double.isFinite(data[k])) throw new IllegalArgumentException("matrix entry (" + i + "," + j + ") is " + data[k]);
            }
    }

    @Override
    public long nnz() {
        return indptr[n];
    }

    /** The same entries, dense row-major (for n within the dense limits). */
    public DenseMatrix toDense() {
        double[] w = new double[Math.multiplyExact(n, n)];
        for (int i = 0; i < n; i++)
            for (int k = indptr[i]; k < indptr[i + 1]; k++) w[i * n + indices[k]] = data[k];
        return new DenseMatrix(n, w);
    }

    /** Wᵀ in CSR (W's CSC), by a counting sort over the columns: O(nnz + n). */
    public SparseMatrix transpose() {
        int nnz = indptr[n];
        int[] tp = new int[n + 1], ti = new int[nnz];
        double[] td = new double[nnz];
        for (int k = 0; k < nnz; k++) tp[indices[k] + 1]++;
        for (int i = 0; i < n; i++) tp[i + 1] += tp[i];
        int[] next = java.util.Arrays.copyOf(tp, n);
        for (int i = 0; i < n; i++) // rows in order, so each transposed row's columns come out increasing
            for (int k = indptr[i]; k < indptr[i + 1]; k++) {
                int at = next[indices[k]]++;
                ti[at] = i;
                td[at] = data[k];
            }
        return new SparseMatrix(n, tp, ti, td);
    }

    /** c·W, sharing the structure. */
    public SparseMatrix scaled(double c) {
        double[] d = data.clone();
        for (int k = 0; k < d.length; k++) d[k] *= c;
        return new SparseMatrix(n, indptr, indices, d);
    }

    /**
     * The matrix with entries (row[k], col[k]) = val[k], duplicates summed (SciPy's rule); the
     * caller has checked the indices are in range.
     */
    public static SparseMatrix fromTriplets(int n, int[] row, int[] col, double[] val) {
        int[] count = new int[n + 1];
        for (int r : row) count[r + 1]++;
        for (int i = 0; i < n; i++) count[i + 1] += count[i];
        int[] next = count.clone();
        long[] keyed = new long[val.length]; // column in the high half, position in the low: sorting orders a row by column
        for (int k = 0; k < val.length; k++) keyed[next[row[k]]++] = ((long) col[k] << 32) | k;
        int[] indptr = new int[n + 1], indices = new int[val.length];
        double[] data = new double[val.length];
        int out = 0;
        for (int i = 0; i < n; i++) {
            java.util.Arrays.sort(keyed, count[i], count[i + 1]);
            for (int e = count[i]; e < count[i + 1]; e++) {
                int j = (int) (keyed[e] >>> 32), k = (int) keyed[e];
                if (out > indptr[i] && indices[out - 1] == j) data[out - 1] += val[k];
                else {
                    indices[out] = j;
                    data[out++] = val[k];
                }
            }
            indptr[i + 1] = out;
        }
        return new SparseMatrix(n, indptr, java.util.Arrays.copyOf(indices, out), java.util.Arrays.copyOf(data, out));
    }

    /** The nonzero entries of a dense row-major matrix. */
    public static SparseMatrix of(DenseMatrix m) {
        int n = m.n();
        double[] w = m.rowMajor();
        int nnz = 0;
        for (double x : w) if (x != 0) nnz++;
        int[] indptr = new int[n + 1], indices = new int[nnz];
        double[] data = new double[nnz];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++)
                if (w[i * n + j] != 0) {
                    indices[k] = j;
                    data[k++] = w[i * n + j];
                }
            indptr[i + 1] = k;
        }
        return new SparseMatrix(n, indptr, indices, data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparseMatrix m && n == m.n && Arrays.equals(indptr, m.indptr) && Arrays.equals(indices, m.indices)
                && Arrays.equals(data, m.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * n + Arrays.hashCode(indices)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "SparseMatrix[n=" + n + ", nnz=" + nnz() + "]";
    }
}

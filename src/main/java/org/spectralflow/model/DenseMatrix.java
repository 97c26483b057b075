package org.spectralflow.model;

import java.util.Arrays;

/**
 * A dense n×n matrix stored row-major: entry (i, j) at {@code rowMajor[i * n + j]}, as records and
 * files carry it. (The same array read column-major is the transpose, which the kernels use for
 * Wᵀ without copying.) Equal when the entries are; the array is shared, not copied.
 */
public record DenseMatrix(int n, double[] rowMajor) implements Matrix {
    public DenseMatrix {
        if (n <= 0) throw new IllegalArgumentException("n must be positive, got " + n);
        if (rowMajor == null || rowMajor.length != (long) n * n)
            throw new IllegalArgumentException("data has " + (rowMajor == null ? 0 : rowMajor.length) + " entries, expected n² = "
                    + (long) n * n);
    }

    @Override
    public long nnz() {
        return (long) n * n;
    }

    public double get(int i, int j) {
        return rowMajor[i * n + j];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DenseMatrix m && n == m.n && Arrays.equals(rowMajor, m.rowMajor);
    }

    @Override
    public int hashCode() {
        return 31 * n + Arrays.hashCode(rowMajor);
    }

    @Override
    public String toString() {
        return "DenseMatrix[n=" + n + "]";
    }
}

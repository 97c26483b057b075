package org.spectralflow.model;

/** A square weight matrix as records carry it: dense row-major, or compressed sparse rows (DESIGN §6.3). */
public sealed interface Matrix permits DenseMatrix, SparseMatrix {
    /** N, the number of rows and columns. */
    int n();

    /** The number of stored entries: n² for a dense matrix. */
    long nnz();
}

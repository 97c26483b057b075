package org.spectralflow.model;

/**
 * What one record may ask for, checked before anything is allocated or computed, so that no
 * record can exhaust a worker's memory, its checkpoint or its time. The values are part of the
 * record format's contract (docs/records.md); only {@code maxN} is a job option.
 */
public final class Limits {
    /** Longest name a record may carry (sweep, id, model, layer), in UTF-16 units. */
    public static final int MAX_NAME_CHARS = 256;
    /**
     * Most trials one cell may have. A cell remembers which trials it counted as ranges (a block
     * is one), a range set that becomes a bitset where it is fragmented, and at most
     * {@link #MAX_CLAIM_BYTES} of either.
     */
    public static final long MAX_CELL_TRIALS = 1_000_000_000L;
    /**
     * Most bytes of keyed state one cell's counted-trial set may take (16 MiB: the bitset of 1.3·10⁸
     * trials, or a million separate ranges); a spec that would fragment it further is rejected.
     */
    public static final long MAX_CLAIM_BYTES = 16L << 20;
    /**
     * Most multiply-adds one record's analysis may cost (steps × n², and the finite-precision
     * budget × n²): about a minute of one core. Above it a record would stall its subtask.
     */
    public static final long MAX_WORK = 1L << 36;
    /** Largest dense N any setting may allow (n² doubles = 128 MiB). */
    public static final int MAX_DENSE_N = 4096;
    /** Largest N of a CSR matrix (DESIGN §6.3 --max-sparse-n). */
    public static final int MAX_SPARSE_N = 1_000_000;
    /** Most stored entries of a CSR matrix (DESIGN §6.3 --max-nnz): 120 MB as CSR. */
    public static final long MAX_NNZ = 10_000_000L;
    /** Longest reason a dead-letter record carries. */
    public static final int MAX_REASON_CHARS = 1000;

    private Limits() {}

    /** Rejects a propagation of {@code steps} steps over an n×n matrix that would cost more than {@link #MAX_WORK}. */
    public static void checkWork(String what, long steps, long n) {
        if (steps > MAX_WORK / n / n)
            throw new IllegalArgumentException(what + " × n² = " + steps + " × " + n + "² exceeds the limit of 2^36 "
                    + "multiply-adds per record");
    }

    /** steps × n² for a dense matrix, steps × nnz for a CSR one (nnz &lt; n²), within {@link #MAX_WORK}. */
    public static void checkWork(String what, long steps, int n, long nnz) {
        if (nnz == (long) n * n) checkWork(what, steps, n);
        else checkWork(what, steps, nnz, "nnz");
    }

    /** Rejects {@code steps} steps that cost {@code perStep} multiply-adds each (nnz for a sparse matrix) above {@link #MAX_WORK}. */
    public static void checkWork(String what, long steps, long perStep, String perStepName) {
        if (steps > MAX_WORK / Math.max(1, perStep))
            throw new IllegalArgumentException(what + " × " + perStepName + " = " + steps + " × " + perStep
                    + " exceeds the limit of 2^36 multiply-adds per record");
    }
}

package org.spectralflow.model;

/**
 * Everything the core needs to analyse one matrix. Optional inputs (bias, h0, g) are null when
 * they are to come from the seed.
 *
 * @param matrix the weight matrix W
 * @param independentJacobians when not null, linear propagation draws a fresh matrix of this
 *     recipe at every step instead of using W (DESIGN §3 {@code jacobian: independent})
 * @param options the optional analyses (Lyapunov spectrum, exact transient peak)
 */
public record AnalysisRequest(String id, Matrix matrix, long seed, Activation activation, int steps,
                              double delta, double biasStd, double[] bias, double[] h0, double[] g,
                              Precision precision, int precisionBudget, double explode,
                              MatrixRecipe independentJacobians, AnalysisOptions options) {
    public static final int DEFAULT_STEPS = 100;
    public static final double DEFAULT_DELTA = 1e-6;
    public static final double DEFAULT_EXPLODE = 1e6;
    public static final int DEFAULT_PRECISION_BUDGET = 20_000;
    /**
     * Most steps × n a request may ask for: back-propagation keeps the T tanh derivatives of
     * length n (2²⁵ doubles = 256 MiB), and a record must not be able to exhaust a worker's heap.
     */
    public static final long MAX_TRAJECTORY = 1L << 25;

    public AnalysisRequest {
        if (matrix == null) throw new IllegalArgumentException("missing the matrix");
        int n = matrix.n();
        if (steps <= 0) throw new IllegalArgumentException("steps must be positive, got " + steps);
        checkTrajectory(steps, n);
        if (!(delta > 0) || !Double.isFinite(delta)) throw new IllegalArgumentException("delta must be positive and finite, got " + delta);
        if (!(biasStd >= 0) || !Double.isFinite(biasStd)) throw new IllegalArgumentException("bias_std must be non-negative, got " + biasStd);
        if (!(explode > 1) || !Double.isFinite(explode)) throw new IllegalArgumentException("explode must be a finite number above 1, got " + explode);
        if (precisionBudget <= 0) throw new IllegalArgumentException("precision budget must be positive, got " + precisionBudget);
        checkVector("bias", bias, n);
        checkVector("h0", h0, n);
        checkVector("g", g, n);
        if (g != null && java.util.Arrays.stream(g).allMatch(x -> x == 0))
            throw new IllegalArgumentException("g must not be the zero vector");
        if (options == null) options = AnalysisOptions.DEFAULT;
        options.check(n, matrix.nnz(), steps);
        if (matrix instanceof SparseMatrix && independentJacobians != null)
            throw new IllegalArgumentException("jacobian 'independent' needs a dense matrix (n ≤ dense_max_n)");
        checkLeak(options, precision, independentJacobians != null);
    }

    /** N, the matrix's size. */
    public int n() {
        return matrix.n();
    }

    /** A dense matrix's entries, row-major (what the dense kernels take). */
    public double[] w() {
        return ((DenseMatrix) matrix).rowMajor();
    }

    public boolean sparse() {
        return matrix instanceof SparseMatrix;
    }

    /** A request with every optional setting at its default. */
    public static AnalysisRequest of(String id, int n, double[] w) {
        return new AnalysisRequest(id, new DenseMatrix(n, w), 0L, Activation.TANH, DEFAULT_STEPS, DEFAULT_DELTA, 0.0, null, null,
                null, Precision.NONE, DEFAULT_PRECISION_BUDGET, DEFAULT_EXPLODE, null, AnalysisOptions.DEFAULT);
    }

    public AnalysisRequest withSeed(long s) {
        return new AnalysisRequest(id, matrix, s, activation, steps, delta, biasStd, bias, h0, g, precision, precisionBudget, explode, independentJacobians, options);
    }

    public AnalysisRequest withSteps(int t) {
        return new AnalysisRequest(id, matrix, seed, activation, t, delta, biasStd, bias, h0, g, precision, precisionBudget, explode, independentJacobians, options);
    }

    public AnalysisRequest withPrecision(Precision p) {
        return new AnalysisRequest(id, matrix, seed, activation, steps, delta, biasStd, bias, h0, g, p, precisionBudget, explode, independentJacobians, options);
    }

    public AnalysisRequest withActivation(Activation a) {
        return new AnalysisRequest(id, matrix, seed, a, steps, delta, biasStd, bias, h0, g, precision, precisionBudget, explode, independentJacobians, options);
    }

    public AnalysisRequest withIndependentJacobians(MatrixRecipe r) {
        return new AnalysisRequest(id, matrix, seed, activation, steps, delta, biasStd, bias, h0, g, precision, precisionBudget, explode, r, options);
    }

    public AnalysisRequest withOptions(AnalysisOptions o) {
        return new AnalysisRequest(id, matrix, seed, activation, steps, delta, biasStd, bias, h0, g, precision, precisionBudget, explode, independentJacobians, o);
    }

    /** Leaky units are not (yet) in the finite-precision runs or the products of independent matrices: refused, not ignored. */
    public static void checkLeak(AnalysisOptions o, Precision precision, boolean independent) {
        if (!o.leaky()) return;
        if (precision != Precision.NONE)
            throw new IllegalArgumentException("leak < 1 with precision experiments is not supported: use precision 'none'");
        if (independent) throw new IllegalArgumentException("leak < 1 with jacobian 'independent' is not supported");
    }

    /** Rejects a steps × n that would not fit the trajectory limit. */
    public static void checkTrajectory(long steps, long n) {
        if (steps * n > MAX_TRAJECTORY)
            throw new IllegalArgumentException("steps × n = " + steps + " × " + n + " exceeds the limit of " + MAX_TRAJECTORY
                    + " stored state entries");
    }

    private static void checkVector(String name, double[] v, int n) {
        if (v == null) return;
        if (v.length != n) throw new IllegalArgumentException(name + " has length " + v.length + ", expected n = " + n);
        for (double x : v) if (!Double.isFinite(x)) throw new IllegalArgumentException(name + " contains " + x);
    }

    /** Equal when every field is, arrays by content. */
    @Override
    public boolean equals(Object o) {
        return RecordValues.equal(this, o);
    }

    @Override
    public int hashCode() {
        return RecordValues.hash(this);
    }
}

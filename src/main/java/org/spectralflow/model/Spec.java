package org.spectralflow.model;

/**
 * One trial of a sweep, or a block of consecutive trials of one cell, as it travels on
 * {@code sf.specs} (docs/records.md): which trials of which cell, the first trial's seed (a block's
 * other trials derive theirs from the sweep seed, exactly as if each had its own spec), the cell's
 * definition, and the matrix itself for a {@code given} ensemble. The cell's fields are read
 * through the definition; the accessors below spare callers the hop.
 *
 * @param trial the first trial
 * @param trials how many consecutive trials, from {@code trial}: 1 for a one-trial spec
 * @param definition everything the trials of one cell share
 * @param data the {@code given} matrix (dense, or CSR above the dense limit), null for random ensembles
 */
public record Spec(String id, long trial, long trials, long seed, CellDefinition definition, Matrix data) {
    public static final double DEFAULT_BIN_WIDTH = 0.05;

    /** A one-trial spec. */
    public Spec(String id, long trial, long seed, CellDefinition definition, Matrix data) {
        this(id, trial, 1, seed, definition, data);
    }

    /** The id spectralflow gives trials [from, from + count) of a cell: {@code sweep/cell/from}, or {@code sweep/cell/from-last} for a block. */
    public static String blockId(String sweep, long cell, long from, long count) {
        return sweep + "/" + cell + "/" + from + (count > 1 ? "-" + (from + count - 1) : "");
    }

    /** One past the last trial. */
    public long end() {
        return trial + trials;
    }

    /**
     * Trials [from, from + count) of this block as a block of their own, with the id and first seed
     * they would have been published with (a one-trial block is exactly the trial's own spec).
     */
    public Spec part(long from, long count) {
        if (from < trial || count < 1 || from + count > end())
            throw new IllegalArgumentException("trials [" + from + ", " + (from + count) + ") are not in [" + trial + ", " + end() + ")");
        if (from == trial && count == trials) return this;
        return new Spec(blockId(sweep(), cell(), from, count), from, count, seedOf(from), definition, data);
    }

    /** This spec's first trial and the {@code count − 1} after it, as one block with the block's id. */
    public Spec withTrials(long count) {
        return new Spec(blockId(sweep(), cell(), trial, count), trial, count, seed, definition, data);
    }

    /** The one-trial spec of trial k of this block. */
    public Spec trialSpec(long k) {
        return part(k, 1);
    }

    /** Trial k's seed: this spec's own for its first trial, else the derivation from the sweep seed (a block always has one). */
    private long seedOf(long k) {
        if (k == trial) return seed;
        return Seeds.specSeed(sweepSeed(), cell(), k);
    }

    public String sweep() { return definition.sweep(); }
    public long cell() { return definition.cell(); }
    public long cellTrials() { return definition.cellTrials(); }
    public Long sweepSeed() { return definition.sweepSeed(); }
    public Ensemble ensemble() { return definition.ensemble(); }
    public int n() { return definition.n(); }
    public double density() { return definition.density(); }
    public Scaling scaling() { return definition.scaling(); }
    public double scale() { return definition.scale(); }
    public Activation activation() { return definition.activation(); }
    public double biasStd() { return definition.biasStd(); }
    public int steps() { return definition.steps(); }
    public double delta() { return definition.delta(); }
    public Precision precision() { return definition.precision(); }
    public double explode() { return definition.explode(); }
    public double binWidth() { return definition.binWidth(); }
    public boolean independentJacobians() { return definition.independentJacobians(); }
    public int precisionBudget() { return definition.precisionBudget(); }
    public AnalysisOptions options() { return definition.options(); }

    /** Whether this spec's matrix is drawn or given in CSR: a sparse ensemble, or a given matrix, above the dense limit. */
    public boolean csr() {
        return data instanceof SparseMatrix || ensemble() == Ensemble.SPARSE && n() > options().denseMaxN();
    }

    public MatrixRecipe recipe() {
        return definition.recipe();
    }

    /** The analysis request for the matrix w drawn for this spec. */
    public AnalysisRequest request(double[] w) {
        return request(new DenseMatrix(n(), w));
    }

    /** The analysis request for the matrix drawn (or given) for this spec. */
    public AnalysisRequest request(Matrix w) {
        return new AnalysisRequest(id, w, seed, activation(), steps(), delta(), biasStd(), null, null, null,
                precision(), precisionBudget(), explode(),
                independentJacobians() && ensemble() != Ensemble.GIVEN ? recipe() : null, options());
    }

    /** The radius bin of a result whose matrix has spectral radius rho (see {@link CellDefinition#bin}). */
    public String bin(double rho) {
        return definition.bin(rho);
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

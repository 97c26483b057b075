package org.spectralflow.model;

/**
 * One trial of a sweep, as it travels on {@code sf.specs} (docs/records.md): which trial of which
 * cell, its own seed, the cell's definition, and the matrix itself for a {@code given} ensemble.
 * The cell's fields are read through the definition; the accessors below spare callers the hop.
 *
 * @param definition everything the trials of one cell share
 * @param data the {@code given} matrix (dense, or CSR above the dense limit), null for random ensembles
 */
public record Spec(String id, long trial, long seed, CellDefinition definition, Matrix data) {
    public static final double DEFAULT_BIN_WIDTH = 0.05;

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

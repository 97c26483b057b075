package org.spectralflow.model;

/**
 * One trial of a sweep, as it travels on {@code sf.specs} (DESIGN §4): which matrix to draw
 * (from its own seed) and how to analyse it.
 *
 * @param sweepSeed the sweep seed that {@code seed} derives from ({@code sweep_seed}), null when
 *     the record does not carry it
 * @param data the {@code given} matrix, null for random ensembles
 * @param independentJacobians DESIGN's {@code jacobian: independent}
 */
public record Spec(String sweep, String id, long cell, long cellTrials, long trial, long seed, Long sweepSeed,
                   Ensemble ensemble, int n, double density, Scaling scaling, double scale,
                   Activation activation, double biasStd, int steps, double delta, Precision precision,
                   double explode, double binWidth, boolean independentJacobians, int precisionBudget,
                   DenseMatrix data) {

    public static final double DEFAULT_BIN_WIDTH = 0.05;

    public MatrixRecipe recipe() {
        return new MatrixRecipe(ensemble, n, density, scaling, scale);
    }

    /** The analysis request for the matrix w drawn for this spec. */
    public AnalysisRequest request(double[] w) {
        return new AnalysisRequest(id, new DenseMatrix(n, w), seed, activation, steps, delta, biasStd, null, null, null,
                precision, precisionBudget, explode,
                independentJacobians && ensemble != Ensemble.GIVEN ? recipe() : null);
    }

    /**
     * The radius bin of a result: the target r for {@code radius} scaling, else the measured ρ
     * rounded down to a multiple of the bin width (DESIGN §3), as a decimal string.
     */
    public String bin(double rho) {
        if (scaling == Scaling.RADIUS) return java.math.BigDecimal.valueOf(scale).toPlainString();
        long k = (long) Math.floor(rho / binWidth);
        return java.math.BigDecimal.valueOf(binWidth).multiply(java.math.BigDecimal.valueOf(k)).stripTrailingZeros().toPlainString();
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

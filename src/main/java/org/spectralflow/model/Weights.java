package org.spectralflow.model;

/**
 * One {@code sf.weights} record: a layer's recurrent matrix at a training step, as PyTorch stores
 * it ({@code weight_hh}: {@code cell.rows(n)}×n row-major, gate blocks stacked), and optionally
 * state Jacobians sampled along an input sequence.
 *
 * @param n the hidden size H
 * @param data the matrix entries, row-major, {@code cell.rows(n) · n} of them
 * @param jacobians null when the record carries none
 */
public record Weights(String model, String layer, long step, RecurrentCell cell, int n, double[] data, int horizon,
                      Jacobians jacobians) {
    public static final int DEFAULT_HORIZON = 100;

    public Weights {
        if (n <= 0 || data == null || data.length != cell.rows(n) * n)
            throw new IllegalArgumentException("a " + cell.wire() + " layer of hidden size " + n + " has "
                    + cell.rows(n) * n + " entries, got " + (data == null ? 0 : data.length));
        if (jacobians != null && jacobians.m() != cell.stateSize(n))
            throw new IllegalArgumentException("the state Jacobians of a " + cell.wire() + " layer of hidden size " + n
                    + " are " + cell.stateSize(n) + "×" + cell.stateSize(n) + ", got m = " + jacobians.m());
    }

    /** A plain tanh or linear layer of the n×n row-major entries w, without Jacobians. */
    public Weights(String model, String layer, long step, int n, double[] w, Activation activation, int horizon) {
        this(model, layer, step, RecurrentCell.of(activation), n, w, horizon, null);
    }

    /** The square matrix of a plain cell. */
    public DenseMatrix matrix() {
        if (cell.gated()) throw new IllegalStateException("a " + cell.wire() + " layer has gate blocks, not one matrix");
        return new DenseMatrix(n, data);
    }

    /** Gate block g (0-based, in {@code cell.gates()} order): rows g·n … (g+1)·n − 1, a copy. */
    public DenseMatrix block(int g) {
        return new DenseMatrix(n, java.util.Arrays.copyOfRange(data, g * n * n, (g + 1) * n * n));
    }

    /** The entries of a plain cell's matrix, row-major. */
    public double[] w() {
        return matrix().rowMajor();
    }

    /** The Kafka key that keeps one layer's records in order. */
    public String key() {
        return LayerKey.of(model, layer);
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

    @Override
    public String toString() {
        return "Weights[" + key() + " step " + step + ", " + cell.wire() + " n=" + n + (jacobians == null ? "" : ", " + jacobians) + "]";
    }
}

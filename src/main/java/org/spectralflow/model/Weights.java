package org.spectralflow.model;

/** One {@code sf.weights} record: a layer's recurrent matrix at a training step. */
public record Weights(String model, String layer, long step, DenseMatrix matrix, Activation activation, int horizon) {
    public static final int DEFAULT_HORIZON = 100;

    /** A record of the n×n row-major entries w. */
    public Weights(String model, String layer, long step, int n, double[] w, Activation activation, int horizon) {
        this(model, layer, step, new DenseMatrix(n, w), activation, horizon);
    }

    public int n() {
        return matrix.n();
    }

    /** The entries, row-major. */
    public double[] w() {
        return matrix.rowMajor();
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
}

package org.spectralflow.model;

/**
 * k state Jacobians J_1 … J_k of one layer at consecutive steps of an input sequence, J_t =
 * ∂s_t/∂s_{t−1}, each m×m row-major and concatenated in {@code data} (DESIGN §6.1).
 */
public record Jacobians(int k, int m, double[] data) {
    public Jacobians {
        if (k <= 0 || m <= 0 || data == null || data.length != (long) k * m * m)
            throw new IllegalArgumentException("jacobians must hold k·m² entries for k, m ≥ 1");
    }

    /** J_t (t = 1 … k), row-major m×m, a copy. */
    public double[] get(int t) {
        return java.util.Arrays.copyOfRange(data, (t - 1) * m * m, t * m * m);
    }

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
        return "Jacobians[k=" + k + ", m=" + m + "]";
    }
}

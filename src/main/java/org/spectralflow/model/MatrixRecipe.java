package org.spectralflow.model;

/** How to draw one random matrix: ensemble, size, sparsity and how {@code scale} applies. */
public record MatrixRecipe(Ensemble ensemble, int n, double density, Scaling scaling, double scale) {
    public MatrixRecipe {
        if (n <= 0) throw new IllegalArgumentException("n must be positive, got " + n);
        if (!(density > 0 && density <= 1))
            throw new IllegalArgumentException("density must be in (0, 1], got " + density);
        if (!Double.isFinite(scale) || scale < 0)
            throw new IllegalArgumentException("scale must be finite and non-negative, got " + scale);
    }
}

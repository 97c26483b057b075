package org.spectralflow.math;

import org.spectralflow.model.MatrixRecipe;

/** Draws seeded random matrices of the ensembles of DESIGN §3 (row-major n×n). */
public final class MatrixGenerator {
    private MatrixGenerator() {}

    /** The matrix of a recipe and a spec seed, from the seed's MATRIX stream. */
    public static double[] generate(MatrixRecipe r, long seed) {
        return generate(r, new SeededRandom(seed, SeededRandom.Stream.MATRIX));
    }

    /** The next matrix of a recipe drawn from {@code rng}, scaled as the recipe says. */
    public static double[] generate(MatrixRecipe r, SeededRandom rng) {
        double[] w = unscaled(r, rng);
        return r.scaling() == org.spectralflow.model.Scaling.RADIUS ? toRadius(w, r.n(), r.scale()) : w;
    }

    /** The matrix of a recipe before radius scaling (gain scaling included), from the seed's MATRIX stream. */
    public static double[] unscaled(MatrixRecipe r, long seed) {
        return unscaled(r, new SeededRandom(seed, SeededRandom.Stream.MATRIX));
    }

    private static double[] unscaled(MatrixRecipe r, SeededRandom rng) {
        int n = r.n();
        double g = r.scaling() == org.spectralflow.model.Scaling.GAIN ? r.scale() : 1.0;
        double[] w = switch (r.ensemble()) {
            case GAUSSIAN -> gaussian(n, g / Math.sqrt(n), rng);
            case UNIFORM -> uniform(n, g * Math.sqrt(3.0 / n), rng);
            case SPARSE -> sparse(n, r.density(), g / Math.sqrt(r.density() * n), rng);
            case ORTHOGONAL -> orthogonal(n, g, rng);
            case GIVEN -> throw new IllegalArgumentException("ensemble 'given' takes its entries from the record");
        };
        return w;
    }

    /**
     * A {@code given} matrix scaled as its spec says: to spectral radius r ({@code radius}), or
     * multiplied by g ({@code gain}, so g = 1 leaves it as given).
     */
    public static double[] scaleGiven(double[] w, int n, org.spectralflow.model.Scaling scaling, double scale) {
        if (scaling == org.spectralflow.model.Scaling.RADIUS) return toRadius(w, n, scale);
        if (scale == 1.0) return w;
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) out[i] = w[i] * scale;
        return out;
    }

    /** W rescaled by r/ρ(W), so that ρ = r to rounding. */
    public static double[] toRadius(double[] w, int n, double r) {
        double rho = Spectra.radius(w, n);
        if (rho == 0 && r != 0)
            throw new IllegalArgumentException("cannot scale to radius " + r + ": the matrix has spectral radius 0");
        double c = rho == 0 ? 0 : r / rho;
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) out[i] = w[i] * c;
        return out;
    }

    static double[] gaussian(int n, double sd, SeededRandom rng) {
        double[] w = new double[n * n];
        for (int i = 0; i < w.length; i++) w[i] = sd * rng.nextGaussian();
        return w;
    }

    static double[] uniform(int n, double a, SeededRandom rng) {
        double[] w = new double[n * n];
        for (int i = 0; i < w.length; i++) w[i] = rng.uniform(-a, a);
        return w;
    }

    static double[] sparse(int n, double p, double sd, SeededRandom rng) {
        double[] w = new double[n * n];
        for (int i = 0; i < w.length; i++) if (rng.nextDouble() < p) w[i] = sd * rng.nextGaussian();
        return w;
    }

    /**
     * g·Q with Q Haar: the Q of a Gaussian matrix's QR with R's diagonal made positive, which is
     * what Gram–Schmidt gives; orthogonalised twice for orthogonality to rounding.
     */
    static double[] orthogonal(int n, double g, SeededRandom rng) {
        double[][] q = new double[n][];
        for (int j = 0; j < n; j++) {
            double[] v = rng.gaussians(n); // column j of the Gaussian matrix
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < j; i++) {
                    double[] qi = q[i];
                    double dot = 0;
                    for (int k = 0; k < n; k++) dot += qi[k] * v[k];
                    for (int k = 0; k < n; k++) v[k] -= dot * qi[k];
                }
            }
            Vectors.scale(v, 1 / Vectors.norm(v));
            q[j] = v;
        }
        double[] w = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) w[i * n + j] = g * q[j][i];
        return w;
    }
}

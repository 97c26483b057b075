package org.spectralflow.math;

import org.spectralflow.model.Limits;
import org.spectralflow.model.MatrixRecipe;
import org.spectralflow.model.SparseMatrix;

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

    /**
     * A {@code sparse} recipe's matrix in CSR without a dense intermediate (DESIGN §6.3), gain
     * scaling applied, radius scaling not: each entry is present with probability p, drawn by
     * geometric skips (the gap to the next present entry of a row is ⌊ln U / ln(1 − p)⌋), so the
     * draw costs O(nnz), not O(n²). Another stream of the same seed than the dense draw.
     */
    public static SparseMatrix sparseCsr(MatrixRecipe r, long seed) {
        if (r.ensemble() != org.spectralflow.model.Ensemble.SPARSE)
            throw new IllegalArgumentException("only the sparse ensemble is drawn in CSR, not " + r.ensemble().wire());
        int n = r.n();
        double p = r.density();
        double g = r.scaling() == org.spectralflow.model.Scaling.GAIN ? r.scale() : 1.0, sd = g / Math.sqrt(p * n);
        SeededRandom rng = new SeededRandom(seed, SeededRandom.Stream.MATRIX);
        double logQ = Math.log1p(-p); // −∞ for p = 1: every gap is 0
        long expected = (long) Math.ceil((double) n * n * p);
        int capacity = (int) Math.min(Limits.MAX_NNZ, expected + 6 * (long) Math.sqrt(expected) + 16);
        int[] indptr = new int[n + 1], indices = new int[capacity];
        double[] data = new double[capacity];
        int nnz = 0;
        for (int i = 0; i < n; i++) {
            long j = -1;
            while (true) {
                double u = 1 - rng.nextDouble(); // (0, 1]
                j += 1 + (p == 1 ? 0 : (long) Math.floor(Math.log(u) / logQ));
                if (j >= n) break;
                if (nnz == capacity) {
                    if (capacity >= Limits.MAX_NNZ)
                        throw new IllegalArgumentException("the draw has more than " + Limits.MAX_NNZ + " nonzeros (the limit)");
                    capacity = (int) Math.min(Limits.MAX_NNZ, 2L * capacity);
                    indices = java.util.Arrays.copyOf(indices, capacity);
                    data = java.util.Arrays.copyOf(data, capacity);
                }
                indices[nnz] = (int) j;
                data[nnz++] = sd * rng.nextGaussian();
            }
            indptr[i + 1] = nnz;
        }
        return new SparseMatrix(n, indptr, java.util.Arrays.copyOf(indices, nnz), java.util.Arrays.copyOf(data, nnz));
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

package org.spectralflow.math;

import java.util.Arrays;
import java.util.function.Supplier;
import org.spectralflow.model.Activation;
import org.spectralflow.model.Analysis;

/**
 * The k leading Lyapunov exponents of a map by Benettin's QR method (DESIGN §6.6): Q₀ a seeded
 * orthonormal n×k basis; every step Z = J_t Q_{t−1} (one BLAS dgemm), Q_t R_t = Z (LAPACK's thin
 * QR on the block); after a burn-in of T/10 steps λ_i is the mean of ln|R_t[i,i]|. The sign LAPACK
 * gives R's diagonal changes only the signs of Q's columns, which no later |R_t[i,i]| sees.
 */
public final class LyapunovSpectra {
    private LyapunovSpectra() {}

    /**
     * The spectrum of the map h ← φ(W h + b) along the trajectory from h0 (φ the activation),
     * with J_t = D_t W; for a linear map J_t = W, or the fresh matrices {@code fresh} supplies.
     *
     * @param w row-major n×n W
     * @param fresh null for a fixed W; else the matrix of each step (independent Jacobians, linear map only)
     * @param leak a of the leaky map, J_t = (1 − a)I + a·D_t W (1: none)
     */
    public static Analysis.LyapunovSpectrum of(double[] w, int n, Activation map, double[] h0, double[] bias, int k, int steps,
                                               long seed, Supplier<double[]> fresh, double leak) {
        return of(MatrixOperator.dense(w, n), map, h0, bias, k, steps, seed, fresh, leak);
    }

    /** As above for any W; {@code fresh} (dense matrices) only with a dense W's size. */
    public static Analysis.LyapunovSpectrum of(MatrixOperator w, Activation map, double[] h0, double[] bias, int k, int steps,
                                               long seed, Supplier<double[]> fresh, double leak) {
        int n = w.n();
        double[] q = initialBasis(n, k, seed), z = new double[n * k], r = new double[k], sums = new double[k];
        double[] h = h0.clone(), x = new double[n], d = new double[n], tanh = new double[n];
        int burnIn = steps / 10;
        for (int t = 1; t <= steps; t++) {
            MatrixOperator wt = fresh == null ? w : MatrixOperator.dense(fresh.get(), n);
            if (map == Activation.TANH) {
                wt.times(h, x);
                Tanh.withDerivative(x, 0, bias, tanh, 0, d, 0, n); // tanh(W h_{t−1} + b), D_t = sech²(·)
                for (int i = 0; i < n; i++) h[i] = (1 - leak) * h[i] + leak * tanh[i];
            }
            wt.timesBlock(q, z, k); // Z = W Q
            if (map == Activation.TANH)
                for (int j = 0; j < k; j++) for (int i = 0; i < n; i++) z[j * n + i] *= d[i];
            if (leak < 1) // J Q = (1 − a)Q + a·(D) W Q
                for (int i = 0; i < n * k; i++) z[i] = (1 - leak) * q[i] + leak * z[i];
            Lapack.thinQr(n, k, z, r);
            if (t > burnIn) for (int i = 0; i < k; i++) sums[i] += Math.log(Math.abs(r[i]));
            double[] swap = q;
            q = z;
            z = swap;
        }
        double[] lambda = new double[k];
        for (int i = 0; i < k; i++) lambda[i] = sums[i] / (steps - burnIn);
        Arrays.sort(lambda);
        for (int i = 0; i < k / 2; i++) { // descending
            double tmp = lambda[i];
            lambda[i] = lambda[k - 1 - i];
            lambda[k - 1 - i] = tmp;
        }
        return new Analysis.LyapunovSpectrum(map, lambda, kaplanYorke(lambda), entropyRate(lambda));
    }

    /** Q₀: the orthonormalised columns of a seeded Gaussian n×k block. */
    static double[] initialBasis(int n, int k, long seed) {
        double[] q = new SeededRandom(seed, SeededRandom.Stream.LYAPUNOV_BASIS).gaussians(n * k);
        Lapack.thinQr(n, k, q, new double[k]);
        return q;
    }

    /** j + Σ_{i≤j} λ_i/|λ_{j+1}| for the largest j whose partial sum is ≥ 0; 0 if λ₁ < 0; NaN if all k sums are ≥ 0. */
    static double kaplanYorke(double[] lambda) {
        if (lambda[0] < 0) return 0;
        double sum = 0;
        int j = 0;
        while (j < lambda.length && sum + lambda[j] >= 0) sum += lambda[j++];
        if (j == lambda.length) return Double.NaN; // k too small to see the sum turn negative
        return j + sum / Math.abs(lambda[j]);
    }

    /** The sum of the positive exponents; NaN when even λ_k is positive (k too small). */
    static double entropyRate(double[] lambda) {
        if (lambda[lambda.length - 1] > 0) return Double.NaN;
        double sum = 0;
        for (double l : lambda) if (l > 0) sum += l;
        return sum;
    }
}

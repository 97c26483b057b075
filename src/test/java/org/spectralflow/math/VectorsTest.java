package org.spectralflow.math;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The norm's fast path and its scaled fallback, and the block products against one-vector products. */
class VectorsTest {
    @Test
    void normNeitherOverflowsNorUnderflows() {
        assertEquals(5.0, Vectors.norm(new double[] {3, 4}));
        assertEquals(5e200, Vectors.norm(new double[] {3e200, 4e200}), 1e185);
        assertEquals(5e-200, Vectors.norm(new double[] {3e-200, 4e-200}), 1e-215);
        assertEquals(5 * Double.MIN_VALUE, Vectors.norm(new double[] {3 * Double.MIN_VALUE, 4 * Double.MIN_VALUE}));
        assertEquals(0.0, Vectors.norm(new double[5]));
        assertEquals(Double.POSITIVE_INFINITY, Vectors.norm(new double[] {1, Double.NEGATIVE_INFINITY}));
        assertTrue(Double.isNaN(Vectors.norm(new double[] {1, Double.NaN})));
        assertEquals(2.0, Vectors.norm(new double[] {9, 9, 2, 0, 0}, 2, 3));
    }

    @Test
    void normMatchesAnExactSum() {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int n : new int[] {1, 3, 4, 7, 64, 1001}) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) x[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(-3, 4));
            java.math.BigDecimal s = java.math.BigDecimal.ZERO;
            for (double v : x) s = s.add(new java.math.BigDecimal(v).multiply(new java.math.BigDecimal(v)));
            double exact = Math.sqrt(s.doubleValue());
            // four running sums of n/4 positive terms: relative error at most (n/4 + 1)ε, halved by the root
            assertEquals(exact, Vectors.norm(x), (n / 4.0 + 2) * Math.ulp(exact), "n = " + n);
        }
    }

    @Test
    void blockProductsEqualOneVectorProducts() {
        SplittableRandom rnd = new SplittableRandom(4);
        int n = 37, k = 3;
        double[] a = new double[n * n], x = new double[n * k];
        for (int i = 0; i < a.length; i++) a[i] = rnd.nextGaussian();
        for (int i = 0; i < x.length; i++) x[i] = rnd.nextGaussian();
        double[] y = new double[n * k], yt = new double[n * k];
        Vectors.multiplyColumnMajor(Vectors.transpose(a, n), n, x, y, k); // A, column-major
        Vectors.multiplyColumnMajor(a, n, x, yt, k);                      // row-major A is column-major Aᵀ
        for (int c = 0; c < k; c++) {
            double[] col = java.util.Arrays.copyOfRange(x, c * n, (c + 1) * n), one = new double[n], oneT = new double[n];
            Vectors.multiply(a, n, col, one);
            Vectors.multiplyTransposed(a, n, col, oneT);
            for (int i = 0; i < n; i++) {
                double ax = 0, atx = 0;
                for (int j = 0; j < n; j++) {
                    ax += a[i * n + j] * col[j];
                    atx += a[j * n + i] * col[j];
                }
                assertEquals(ax, y[c * n + i], 1e-12, "A X, column " + c);
                assertEquals(atx, yt[c * n + i], 1e-12, "Aᵀ X, column " + c);
                assertEquals(one[i], y[c * n + i], 1e-12);
                assertEquals(oneT[i], yt[c * n + i], 1e-12);
            }
        }
    }
}

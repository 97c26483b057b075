package org.spectralflow.math;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The tridiagonal Toeplitz matrix has closed-form eigenpairs: a + 2b cos(jπ/(k+1)), sin(ijπ/(k+1)). */
class TridiagonalTest {
    @Test
    void toeplitzEigenpairs() {
        for (int k : new int[] {1, 2, 7, 60}) {
            double a = 2.0, b = -0.7;
            double[] d = new double[k], e = new double[Math.max(1, k - 1)];
            java.util.Arrays.fill(d, a);
            java.util.Arrays.fill(e, b);
            double top = a + 2 * Math.abs(b) * Math.cos(Math.PI / (k + 1));
            double got = Tridiagonal.largestEigenvalue(d, e, k, 0, 0);
            assertEquals(top, got, 4 * Math.ulp(top), "k = " + k);
            assertEquals(top, Tridiagonal.largestEigenvalue(d, e, k, top, top * 1e-3), 4 * Math.ulp(top), "from a guess");
            assertEquals(top, Tridiagonal.largestEigenvalue(d, e, k, top * 0.9, 1e-9), 4 * Math.ulp(top), "from a wrong guess");
            assertEquals(0, Tridiagonal.countAbove(d, e, k, top * (1 + 1e-12)));
            assertEquals(1, Tridiagonal.countAbove(d, e, k, top * (1 - 1e-12)));
            assertEquals(k, Tridiagonal.countAbove(d, e, k, a - 2 * Math.abs(b) - 1e-9));
            double[] s = Tridiagonal.topEigenvector(d, e, k, got);
            // b < 0: the top eigenvector alternates in sign, sin(iπ/(k+1))·(−1)^i up to a common sign
            double norm = 0;
            for (int i = 0; i < k; i++) norm += Math.pow(Math.sin((i + 1) * Math.PI / (k + 1)), 2);
            double sign = Math.signum(s[0]);
            for (int i = 0; i < k; i++) {
                double expected = sign * (i % 2 == 0 ? 1 : -1) * Math.sin((i + 1) * Math.PI / (k + 1)) / Math.sqrt(norm);
                assertEquals(expected, s[i], 1e-12, "k = " + k + ", component " + i);
            }
        }
    }
}

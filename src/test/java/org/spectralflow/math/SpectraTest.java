package org.spectralflow.math;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.spectralflow.model.Ensemble;
import org.spectralflow.model.MatrixRecipe;
import org.spectralflow.model.Scaling;
import org.spectralflow.model.Spectrum;

/** Eigenvalues of matrices whose spectra are known in closed form, and the derived quantities. */
class SpectraTest {

    /** Sorted-as-designed eigenvalues must match the expected multiset within tol. */
    static void assertSpectrum(double[][] expected, Spectrum s, double tol) {
        int n = expected[0].length;
        boolean[] used = new boolean[n];
        for (int i = 0; i < n; i++) {
            int best = -1;
            double bestD = Double.MAX_VALUE;
            for (int j = 0; j < n; j++) {
                if (used[j]) continue;
                double d = Math.hypot(s.re()[j] - expected[0][i], s.im()[j] - expected[1][i]);
                if (d < bestD) { bestD = d; best = j; }
            }
            assertTrue(bestD <= tol, "eigenvalue " + expected[0][i] + "+" + expected[1][i] + "i missing; nearest at " + bestD
                    + " in " + Arrays.toString(s.re()) + " / " + Arrays.toString(s.im()));
            used[best] = true;
        }
        for (int i = 1; i < n; i++)
            assertTrue(Math.hypot(s.re()[i - 1], s.im()[i - 1]) >= Math.hypot(s.re()[i], s.im()[i]) - 1e-9 * s.rho(),
                    "eigenvalues must be ordered by modulus, descending");
    }

    static double[] rotation(double r, double theta) {
        return new double[] {r * Math.cos(theta), -r * Math.sin(theta), r * Math.sin(theta), r * Math.cos(theta)};
    }

    @Test
    void rotationHasConjugatePairAndPeriod() {
        double theta = 2 * Math.PI / 7;
        Spectrum s = Spectra.analyze(rotation(1.3, theta), 2);
        assertSpectrum(new double[][] {{1.3 * Math.cos(theta), 1.3 * Math.cos(theta)}, {1.3 * Math.sin(theta), -1.3 * Math.sin(theta)}}, s, 1e-14);
        assertTrue(s.im()[0] > 0, "tie between a conjugate pair goes to the non-negative imaginary part");
        assertEquals(1.3, s.rho(), 1e-14);
        assertEquals(theta, s.theta(), 1e-14);
        assertEquals(7.0, s.period(), 1e-12);
        assertEquals(1.3, s.sigma1(), 1e-14);
        assertEquals(0.0, s.departure(), 1e-7);
        assertFalse(s.contractive());
    }

    @Test
    void companionMatrixHasItsPolynomialRoots() {
        // (x-3)(x+2)(x-1)(x-0.5)(x+0.25): build its companion matrix from the coefficients
        double[] roots = {3, -2, 1, 0.5, -0.25};
        int n = roots.length;
        double[] c = {1};
        for (double r : roots) {
            double[] next = new double[c.length + 1];
            for (int i = 0; i < c.length; i++) {
                next[i] += c[i];
                next[i + 1] -= r * c[i];
            }
            c = next;
        }
        double[] w = new double[n * n];
        for (int j = 0; j < n; j++) w[j] = -c[j + 1];
        for (int i = 1; i < n; i++) w[i * n + i - 1] = 1;
        Spectrum s = Spectra.analyze(w, n);
        assertSpectrum(new double[][] {roots, new double[n]}, s, 1e-11);
        assertEquals(3.0, s.lambda1Re(), 1e-12);
        assertEquals(0.0, s.theta());
        assertEquals(Double.POSITIVE_INFINITY, s.period());
    }

    @Test
    void triangularMatrixHasItsDiagonalAndKnownDeparture() {
        int n = 6;
        double[] w = new double[n * n];
        double[] diag = {0.9, -0.5, 0.3, 0.7, -0.95, 0.1};
        double fro = 0, eig = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                w[i * n + j] = i == j ? diag[i] : 0.37 * (i + 1) - 0.11 * j;
                fro += w[i * n + j] * w[i * n + j];
            }
            eig += diag[i] * diag[i];
        }
        Spectrum s = Spectra.analyze(w, n);
        assertSpectrum(new double[][] {diag, new double[n]}, s, 1e-13);
        assertEquals(-0.95, s.lambda1Re(), 1e-14);
        assertEquals(Math.PI, s.theta(), 1e-14);
        assertEquals(Math.sqrt(fro - eig) / Math.sqrt(fro), s.departure(), 1e-12);
    }

    @Test
    void orthogonalEnsembleHasAllModuliEqualToTheGain() {
        double[] w = MatrixGenerator.generate(new MatrixRecipe(Ensemble.ORTHOGONAL, 64, 1, Scaling.GAIN, 0.8), 11L);
        Spectrum s = Spectra.analyze(w, 64);
        for (int i = 0; i < 64; i++) assertEquals(0.8, Math.hypot(s.re()[i], s.im()[i]), 1e-12);
        assertEquals(0.8, s.sigma1(), 1e-12);
        assertEquals(0.0, s.departure(), 1e-6);
        assertTrue(s.contractive());
        // the tie rule: all moduli equal, so λ₁ is the eigenvalue with the largest real part
        for (int i = 1; i < 64; i++) assertTrue(s.re()[0] >= s.re()[i]);
    }

    @Test
    void degenerateMatricesGiveFiniteAnswers() {
        // zero, nilpotent shift, defective Jordan block, rank one, 1×1, diagonal
        int n = 8;
        double[] zero = new double[n * n];
        double[] shift = new double[n * n];
        double[] jordan = new double[n * n];
        for (int i = 0; i + 1 < n; i++) {
            shift[i * n + i + 1] = 1;
            jordan[i * n + i + 1] = 1;
        }
        for (int i = 0; i < n; i++) jordan[i * n + i] = 0.5;
        double[] u = {1, 2, 3, 4, 5, 6, 7, 8}, v = {0.5, -1, 0.25, 0, 1, 0.1, -0.2, 0.3};
        double[] rankOne = new double[n * n];
        double uv = 0;
        for (int i = 0; i < n; i++) {
            uv += u[i] * v[i];
            for (int j = 0; j < n; j++) rankOne[i * n + j] = u[i] * v[j];
        }
        for (double[] w : new double[][] {zero, shift, jordan, rankOne}) {
            Spectrum s = Spectra.analyze(w, n);
            for (double x : s.re()) assertTrue(Double.isFinite(x));
            for (double x : s.dominantVector()) assertTrue(Double.isFinite(x));
            assertTrue(Double.isFinite(s.sigma1()) && Double.isFinite(s.departure()));
        }
        assertEquals(0.0, Spectra.analyze(zero, n).rho());
        assertEquals(0.0, Spectra.analyze(shift, n).rho(), 1e-12);
        assertEquals(0.5, Spectra.analyze(jordan, n).rho(), 0.2); // defective: only ε^(1/8)-accurate in principle
        assertEquals(uv, Spectra.analyze(rankOne, n).lambda1Re(), 1e-12);
        Spectrum one = Spectra.analyze(new double[] {-2.5}, 1);
        assertEquals(-2.5, one.lambda1Re());
        assertEquals(2.5, one.sigma1());
        assertEquals(1.0, one.dominantVector()[0]);
        double[] diag = new double[n * n];
        for (int i = 0; i < n; i++) diag[i * n + i] = i - 3.5;
        assertSpectrum(new double[][] {{-3.5, -2.5, -1.5, -0.5, 0.5, 1.5, 2.5, 3.5}, new double[n]}, Spectra.analyze(diag, n), 1e-15);
        assertEquals(3.5, Spectra.analyze(diag, n).lambda1Re(), "tie |3.5| = |-3.5| goes to the larger real part");
    }

    @Test
    void blockDiagonalCombinesItsBlocks() {
        int n = 5;
        double[] w = new double[n * n];
        double[] rot = rotation(0.9, 0.4);
        w[0] = rot[0]; w[1] = rot[1]; w[n] = rot[2]; w[n + 1] = rot[3];
        w[2 * n + 2] = 1.2; w[2 * n + 3] = 5; w[3 * n + 3] = -0.3; w[4 * n + 4] = 0.05;
        Spectrum s = Spectra.analyze(w, n);
        assertSpectrum(new double[][] {{0.9 * Math.cos(0.4), 0.9 * Math.cos(0.4), 1.2, -0.3, 0.05},
                {0.9 * Math.sin(0.4), -0.9 * Math.sin(0.4), 0, 0, 0}}, s, 1e-13);
        assertEquals(1.2, s.lambda1Re(), 1e-14);
    }

    @Test
    void dominantVectorIsAUnitEigenvectorOfTheTranspose() {
        for (long seed = 1; seed <= 5; seed++) {
            int n = 40;
            double[] w = MatrixGenerator.generate(new MatrixRecipe(Ensemble.GAUSSIAN, n, 1, Scaling.GAIN, 1), seed);
            Spectrum s = Spectra.analyze(w, n);
            double[] v = s.dominantVector(), bv = new double[n];
            assertEquals(1.0, Vectors.norm(v), 1e-14);
            Vectors.multiplyTransposed(w, n, v, bv);
            if (s.lambda1Im() == 0) {
                for (int i = 0; i < n; i++) assertEquals(s.lambda1Re() * v[i], bv[i], 1e-12);
            } else {
                // v is the real part of x: B x = λ x means B (Re x) and B² (Re x) stay in span{Re x, Im x};
                // equivalently (B² − 2 Re λ B + |λ|² I) v = 0
                double[] bbv = new double[n];
                Vectors.multiplyTransposed(w, n, bv, bbv);
                for (int i = 0; i < n; i++)
                    assertEquals(0.0, bbv[i] - 2 * s.lambda1Re() * bv[i] + s.rho() * s.rho() * v[i], 1e-12);
            }
        }
    }

    @Test
    void sigma1MatchesAnIndependentSvd() {
        int n = 50;
        double[] w = MatrixGenerator.generate(new MatrixRecipe(Ensemble.UNIFORM, n, 1, Scaling.GAIN, 1.4), 7L);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) a[i] = Arrays.copyOfRange(w, i * n, i * n + n);
        double expected = new SingularValueDecomposition(new Array2DRowRealMatrix(a)).getNorm();
        assertEquals(expected, Spectra.analyze(w, n).sigma1(), 1e-12 * expected);
    }

    @Test
    void radiusScalingHitsTheTargetRadius() {
        for (Ensemble e : new Ensemble[] {Ensemble.GAUSSIAN, Ensemble.UNIFORM, Ensemble.SPARSE, Ensemble.ORTHOGONAL}) {
            for (double r : new double[] {0.5, 0.95, 1.05, 2.0}) {
                double[] w = MatrixGenerator.generate(new MatrixRecipe(e, 48, 0.3, Scaling.RADIUS, r), 99L);
                assertEquals(r, Spectra.analyze(w, 48).rho(), 1e-12 * r, e + " at r = " + r);
            }
        }
    }

    @Test
    void aScaledSpectrumEqualsTheSpectrumOfTheScaledMatrix() {
        // the sweep scales the unscaled draw's spectrum instead of decomposing c·W again
        double[] w = MatrixGenerator.generate(new MatrixRecipe(Ensemble.GAUSSIAN, 40, 1, Scaling.GAIN, 1.0), 12L);
        double c = 1.37;
        double[] cw = w.clone();
        Vectors.scale(cw, c);
        Spectrum direct = Spectra.analyze(cw, 40), scaled = Spectra.analyze(w, 40).scaled(c);
        for (int i = 0; i < 40; i++) {
            assertEquals(direct.re()[i], scaled.re()[i], 1e-13);
            assertEquals(direct.im()[i], scaled.im()[i], 1e-13);
        }
        assertEquals(direct.rho(), scaled.rho(), 1e-14);
        assertEquals(direct.sigma1(), scaled.sigma1(), 1e-14);
        assertEquals(direct.departure(), scaled.departure(), 1e-12);
        assertEquals(direct.theta(), scaled.theta(), 1e-13);
        for (int i = 0; i < 40; i++) assertEquals(direct.dominantVector()[i], scaled.dominantVector()[i], 1e-10);
    }

    @Test
    void givenMatricesAreScaledAsTheirSpecSays() {
        double[] w = {0.5, 2, 0, -0.25}; // triangular: ρ = 0.5
        assertEquals(1.3, Spectra.radius(MatrixGenerator.scaleGiven(w, 2, Scaling.RADIUS, 1.3), 2), 1e-15);
        assertArrayEquals(new double[] {1, 4, 0, -0.5}, MatrixGenerator.scaleGiven(w, 2, Scaling.GAIN, 2.0));
        assertSame(w, MatrixGenerator.scaleGiven(w, 2, Scaling.GAIN, 1.0));
        assertThrows(IllegalArgumentException.class, () -> MatrixGenerator.scaleGiven(new double[4], 2, Scaling.RADIUS, 1.0));
    }

    @Test
    void nonFiniteInputIsAClearError() {
        double[] w = {1, 2, Double.NaN, 4};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Spectra.analyze(w, 2));
        assertTrue(e.getMessage().contains("(1,0)"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Spectra.analyze(new double[] {Double.POSITIVE_INFINITY}, 1));
    }
}

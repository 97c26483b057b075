package org.spectralflow.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spectralflow.model.DenseMatrix;
import org.spectralflow.model.Ensemble;
import org.spectralflow.model.MatrixRecipe;
import org.spectralflow.model.Scaling;
import org.spectralflow.model.SparseMatrix;
import org.spectralflow.model.Spectrum;

/** The Krylov–Schur spectrum against LAPACK's dense one (the independent computation), hard cases included. */
class KrylovSchurTest {
    /** The k largest moduli of LAPACK's full spectrum. */
    private static double[] denseModuli(double[] w, int n, int k) {
        double[][] ev = Spectra.eigenvalues(w, n);
        double[] mod = new double[k];
        for (int i = 0; i < k; i++) mod[i] = Math.hypot(ev[0][i], ev[1][i]);
        return mod;
    }

    private static double[] moduli(Spectrum s) {
        double[] mod = new double[s.re().length];
        for (int i = 0; i < mod.length; i++) mod[i] = Math.hypot(s.re()[i], s.im()[i]);
        return mod;
    }

    /** Every Krylov eigenvalue is one of LAPACK's, and the k moduli are LAPACK's k largest. */
    private static void assertLapackTop(double[] w, int n, Spectrum s, double rel) {
        double[][] ev = Spectra.eigenvalues(w, n);
        int k = s.re().length;
        double rho = Math.hypot(ev[0][0], ev[1][0]);
        double[] expected = denseModuli(w, n, k), got = moduli(s);
        for (int i = 0; i < k; i++) {
            assertEquals(expected[i], got[i], rel * Math.max(rho, 1e-300), "modulus " + i + " of " + Arrays.toString(got));
            double nearest = Double.POSITIVE_INFINITY;
            for (int j = 0; j < n; j++) nearest = Math.min(nearest, Math.hypot(ev[0][j] - s.re()[i], ev[1][j] - s.im()[i]));
            assertTrue(nearest <= rel * Math.max(rho, 1e-300), "eigenvalue " + s.re()[i] + " + " + s.im()[i] + "i is no LAPACK eigenvalue");
        }
        assertEquals(rho, s.rho(), rel * rho);
    }

    private static Spectrum krylov(double[] w, int n) {
        return KrylovSpectra.analyze(MatrixOperator.of(SparseMatrix.of(new DenseMatrix(n, w))), KrylovSpectra.DEFAULT_K);
    }

    @ParameterizedTest(name = "{0} N = {1}")
    @CsvSource({"gaussian, 300, 1, 2", "gaussian, 1000, 1, 1", "uniform, 600, 1, 1", "sparse, 1000, 0.01, 2",
            "sparse, 2048, 0.005, 1"})
    void agreesWithLapackOnEveryEnsemble(String ensemble, int n, double density, int seeds) {
        for (long seed = 1; seed <= seeds; seed++) {
            double[] w = MatrixGenerator.generate(new MatrixRecipe(Ensemble.parse(ensemble), n, density, Scaling.GAIN, 1.0), seed);
            Spectrum s = krylov(w, n);
            assertTrue(s.krylov().converged(), "converged");
            assertTrue(s.krylov().residual() <= KrylovSpectra.TOLERANCE * Vectors.norm(w));
            // the moduli near the circular-law edge are clustered (1e-3 apart at N = 2048): still LAPACK's six
            assertLapackTop(w, n, s, 1e-9);
            assertEquals(TopSingularValue.of(w, n).sigma1(), s.sigma1(), 1e-9 * s.sigma1());
            assertTrue(Double.isNaN(s.departure()));
        }
    }

    /** A sparse W runs on (cW)^8 (orthogonalisation costs more than products); its eigenvalues are still W's, LAPACK's six. */
    @Test
    void aSparseMatrixIsSolvedThroughItsPowerAndCheckedOnItself() {
        int n = 1000;
        double[] w = MatrixGenerator.generate(new MatrixRecipe(Ensemble.parse("sparse"), n, 0.01, Scaling.GAIN, 1.0), 7);
        MatrixOperator op = MatrixOperator.of(SparseMatrix.of(new DenseMatrix(n, w)));
        assertEquals(KrylovSpectra.MAX_POWER, KrylovSpectra.power(op, 120));
        assertEquals(1, KrylovSpectra.power(MatrixOperator.dense(w, n), 120), "dense: products are the cost already");
        double fro = Vectors.norm(w);
        KrylovSchur.Result r = ThroughPower.eigenvalues(op.transposed(), 12, 120, 8, 1e-12 * fro, 1e-10 * fro, 1000, 1);
        assertNotNull(r, "the run on the power converged and passed the check on W");
        double[][] ev = Spectra.eigenvalues(w, n);
        for (int i = 0; i < 12; i++) {
            assertEquals(Math.hypot(ev[0][i], ev[1][i]), Math.hypot(r.re()[i], r.im()[i]), 1e-9, "modulus " + i);
            assertTrue(r.residuals()[i] <= 1e-10 * fro);
        }
        // the power of an orthogonal matrix is orthogonal: no convergence, so no answer, and the caller goes on without it
        double[] q = new double[n * n];
        for (int i = 0; i < n; i++) q[i * n + (i + 1) % n] = 1;
        MatrixOperator cycle = MatrixOperator.of(SparseMatrix.of(new DenseMatrix(n, q)));
        assertNull(ThroughPower.eigenvalues(cycle, 6, 60, 8, 1e-12 * Math.sqrt(n), 1e-10 * Math.sqrt(n), 20, 1));
    }

    /**
     * All n moduli of an orthogonal matrix are 1: nothing separates six of them, and no polynomial
     * of a Krylov method is larger on some than on the rest. The Ritz values stay inside the circle;
     * the answer must say it did not converge, and stay within the budget, rather than claim them.
     */
    @Test
    void theBasisIs120VectorsUntilItsMemoryCapThenShrinksButKeepsRoomForTheWantedPairs() {
        assertEquals(120, KrylovSpectra.basis(12, 10_000));
        assertEquals(120, KrylovSpectra.basis(12, 100_000)); // 97 MB
        assertEquals(132, KrylovSpectra.basis(52, 1000));
        for (int n : new int[] {200_000, 500_000, 1_000_000}) {
            int m = KrylovSpectra.basis(12, n);
            assertTrue(m < 120 && m >= 16, n + ": " + m);
            assertTrue(8L * n * (m + 1) <= KrylovSpectra.BASIS_BYTES || m == 16, n + ": " + m);
        }
        assertEquals(16, KrylovSpectra.basis(12, 1_000_000)); // wanted + 4 vectors: 136 MB
    }

    @Test
    void anOrthogonalMatrixIsReportedNotConverged() {
        int n = 300;
        double[] w = MatrixGenerator.generate(new MatrixRecipe(Ensemble.ORTHOGONAL, n, 1, Scaling.GAIN, 1.0), 3);
        KrylovSchur.Result r = KrylovSchur.largest(MatrixOperator.dense(w, n), 6, 60, 1e-10 * Math.sqrt(n), 50, 1);
        if (r.converged()) assertEquals(1.0, Math.hypot(r.re()[0], r.im()[0]), 1e-9);
        else assertTrue(r.residual() > 1e-10 * Math.sqrt(n));
        assertTrue(Math.hypot(r.re()[0], r.im()[0]) <= 1 + 1e-9);
        assertTrue(r.products() <= 60 + 51 * 60L);
    }

    /** A bulk of radius 0.5 and a planted rotation block r·R(θ) in a random basis: λ₁ = r·e^{±iθ}. */
    @Test
    void findsAComplexDominantPair() {
        int n = 500;
        double[] w = MatrixGenerator.generate(new MatrixRecipe(Ensemble.GAUSSIAN, n, 1, Scaling.GAIN, 0.5), 11);
        double[] q = MatrixGenerator.generate(new MatrixRecipe(Ensemble.ORTHOGONAL, n, 1, Scaling.GAIN, 1.0), 12);
        double r = 1.2, theta = 0.7;
        double[][] block = {{r * Math.cos(theta), -r * Math.sin(theta)}, {r * Math.sin(theta), r * Math.cos(theta)}};
        // W += Q₂ r·R(θ) Q₂ᵀ along two orthonormal columns: λ₁ near r·e^{±iθ}, exactly where LAPACK says
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                for (int a = 0; a < 2; a++)
                    for (int b = 0; b < 2; b++) w[i * n + j] += q[i * n + a] * block[a][b] * q[j * n + b];
        Spectrum s = krylov(w, n);
        assertTrue(s.krylov().converged());
        assertLapackTop(w, n, s, 1e-9);
        assertEquals(s.re()[0], s.re()[1], 1e-12);
        assertEquals(s.im()[0], -s.im()[1], 1e-12);
        assertTrue(s.im()[0] > 0.3, "a complex pair, λ₁ = " + s.re()[0] + " + " + s.im()[0] + "i");
        // θ and the period follow from λ₁ as the dense analysis has them
        Spectrum dense = Spectra.analyze(w, n);
        assertEquals(dense.theta(), s.theta(), 1e-9);
        assertEquals(dense.period(), s.period(), 1e-6);
    }

    /** W = diag(A, A): every eigenvalue twice, which one Krylov sequence cannot see; the check cycles must. */
    @Test
    void findsBothCopiesOfADoubleDominantEigenvalue() {
        int h = 300, n = 2 * h;
        double[] a = MatrixGenerator.generate(new MatrixRecipe(Ensemble.GAUSSIAN, h, 1, Scaling.GAIN, 1.0), 5);
        a[0] += 3; // a real dominant eigenvalue near 3, well apart from the bulk
        double[] w = new double[n * n];
        for (int i = 0; i < h; i++)
            for (int j = 0; j < h; j++) {
                w[i * n + j] = a[i * h + j];
                w[(h + i) * n + h + j] = a[i * h + j];
            }
        Spectrum s = krylov(w, n);
        assertTrue(s.krylov().converged());
        assertEquals(s.rho(), Math.hypot(s.re()[1], s.im()[1]), 1e-9 * s.rho(), "λ₁ twice: " + Arrays.toString(moduli(s)));
        assertEquals(denseModuli(w, n, 2)[1], Math.hypot(s.re()[1], s.im()[1]), 1e-9 * s.rho());
    }

    /**
     * ρ alone ({@link KrylovSpectra#radius}: basis 60, through W¹² on a reservoir) is LAPACK's ρ on
     * reservoirs, where the moduli at the disc's edge are 1e-3 apart, on a dense-ish one (the direct
     * run), on a complex dominant pair and on ρ = 0.
     */
    @Test
    void theRadiusAloneIsLapacksOnReservoirsAndHardCases() {
        for (long seed = 21; seed <= 28; seed++) {
            int n = seed % 2 == 0 ? 1000 : 1500;
            double[] w = MatrixGenerator.generate(new MatrixRecipe(Ensemble.SPARSE, n, 10.0 / n, Scaling.GAIN, 1.0), seed);
            MatrixOperator op = MatrixOperator.of(SparseMatrix.of(new DenseMatrix(n, w)));
            assertTrue(KrylovSpectra.power(op, KrylovSpectra.RADIUS_BASIS) > 1, "a reservoir goes through a power");
            Spectrum s = KrylovSpectra.radius(op);
            assertTrue(s.krylov().converged(), "seed " + seed);
            assertEquals(1, s.re().length);
            double[][] ev = Spectra.eigenvalues(w, n);
            double rho = Math.hypot(ev[0][0], ev[1][0]);
            assertEquals(rho, s.rho(), 1e-9 * rho, "seed " + seed + ": the largest modulus, not another at the edge");
            assertTrue(Double.isNaN(s.sigma1()));
        }
        int n = 400;
        double[] dense = MatrixGenerator.generate(new MatrixRecipe(Ensemble.GAUSSIAN, n, 1, Scaling.GAIN, 1.0), 4);
        Spectrum d = KrylovSpectra.radius(MatrixOperator.of(SparseMatrix.of(new DenseMatrix(n, dense))));
        assertEquals(Spectra.analyze(dense, n).rho(), d.rho(), 1e-9 * d.rho());
        SparseMatrix zero = new SparseMatrix(3000, new int[3001], new int[0], new double[0]);
        assertEquals(0.0, KrylovSpectra.radius(MatrixOperator.of(zero)).rho());
    }

    @Test
    void theZeroMatrixHasRadiusZeroAndConverges() {
        int n = 3000;
        SparseMatrix zero = new SparseMatrix(n, new int[n + 1], new int[0], new double[0]);
        Spectrum s = KrylovSpectra.analyze(MatrixOperator.of(zero), 6);
        assertTrue(s.krylov().converged());
        assertEquals(0.0, s.rho());
        assertEquals(0.0, s.sigma1());
    }

    /** A nilpotent shift (ρ = 0, one Jordan block): no Ritz pair ever converges; the answer says so, no exception. */
    @Test
    void aJordanBlockEndsNotConvergedWithoutAnException() {
        int n = 5000;
        int[] indptr = new int[n + 1], indices = new int[n - 1];
        double[] data = new double[n - 1];
        for (int i = 0; i < n - 1; i++) {
            indptr[i + 1] = i + 1;
            indices[i] = i + 1;
            data[i] = 1;
        }
        indptr[n] = n - 1;
        KrylovSchur.Result r = KrylovSchur.largest(MatrixOperator.of(new SparseMatrix(n, indptr, indices, data)), 6, 40,
                1e-10 * Math.sqrt(n - 1), 30, 1);
        assertFalse(r.converged());
        assertEquals(6, r.re().length);
        assertTrue(r.residual() > 1e-3);
        assertTrue(r.products() <= 40 + 30 * 40L, "the budget bounds the work: " + r.products());
    }

    @Test
    void theSameMatrixGivesTheSameBits() {
        int n = 3000;
        SparseMatrix w = MatrixGenerator.sparseCsr(new MatrixRecipe(Ensemble.SPARSE, n, 0.003, Scaling.GAIN, 1.0), 9);
        Spectrum a = KrylovSpectra.analyze(MatrixOperator.of(w), 6), b = KrylovSpectra.analyze(MatrixOperator.of(w), 6);
        assertArrayEquals(a.re(), b.re());
        assertArrayEquals(a.im(), b.im());
        assertArrayEquals(a.dominantVector(), b.dominantVector());
    }

    /** The Ritz vector is B = Wᵀ's eigenvector: ‖Bv − λv‖ small for a real λ₁. */
    @Test
    void theDominantVectorIsAnEigenvectorOfTheTranspose() {
        int n = 4000;
        SparseMatrix w = MatrixGenerator.sparseCsr(new MatrixRecipe(Ensemble.SPARSE, n, 0.0025, Scaling.GAIN, 1.0), 21);
        MatrixOperator op = MatrixOperator.of(w);
        for (int seed = 21; seed < 40; seed++) {
            w = MatrixGenerator.sparseCsr(new MatrixRecipe(Ensemble.SPARSE, n, 0.0025, Scaling.GAIN, 1.0), seed);
            op = MatrixOperator.of(w);
            Spectrum s = KrylovSpectra.analyze(op, 6);
            if (s.im()[0] != 0) continue;
            double[] bv = new double[n];
            op.timesTransposed(s.dominantVector(), bv);
            for (int i = 0; i < n; i++) bv[i] -= s.re()[0] * s.dominantVector()[i];
            assertTrue(Vectors.norm(bv) <= 1e-8, "‖Bv − λv‖ = " + Vectors.norm(bv));
            return;
        }
        throw new AssertionError("no real λ₁ in 19 draws");
    }
}

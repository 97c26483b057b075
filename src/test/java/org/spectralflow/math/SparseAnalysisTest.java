package org.spectralflow.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spectralflow.model.Activation;
import org.spectralflow.model.Analysis;
import org.spectralflow.model.AnalysisOptions;
import org.spectralflow.model.AnalysisRequest;
import org.spectralflow.model.DenseMatrix;
import org.spectralflow.model.Ensemble;
import org.spectralflow.model.Matrix;
import org.spectralflow.model.MatrixRecipe;
import org.spectralflow.model.Precision;
import org.spectralflow.model.Scaling;
import org.spectralflow.model.SparseMatrix;

/**
 * The CSR path (Krylov spectrum, O(nnz) kernels) against the dense path (LAPACK, BLAS) on the same
 * matrices: every propagated quantity of DESIGN §3 and §6.4–6.6 must agree, to rounding.
 */
class SparseAnalysisTest {
    private static final int N = 400;

    private static AnalysisRequest request(Matrix m, Activation a, Precision p, AnalysisOptions o) {
        return new AnalysisRequest("t", m, 77, a, 100, 1e-6, 0.1, null, null, null, p, 3000, 1e6, null, o);
    }

    private static SparseMatrix draw(double scale, long seed) {
        double[] w = MatrixGenerator.generate(new MatrixRecipe(Ensemble.SPARSE, N, 0.02, Scaling.RADIUS, scale), seed);
        return SparseMatrix.of(new DenseMatrix(N, w));
    }

    private static void close(double expected, double actual, double rel, String what) {
        assertEquals(expected, actual, rel * Math.max(1e-300, Math.abs(expected)), what);
    }

    @Test
    void denseAndSparsePathsAgree() {
        for (double scale : new double[] {0.9, 1.1}) {
            SparseMatrix s = draw(scale, 3);
            AnalysisOptions o = new AnalysisOptions(3, false, 1.0, true, 500, 0.0);
            Analysis d = Analyzer.analyze(request(s.toDense(), Activation.TANH, Precision.BOTH, o));
            Analysis c = Analyzer.analyze(request(s, Activation.TANH, Precision.BOTH, o));
            assertEquals("krylov", c.spectrum().method());
            assertEquals("dense", d.spectrum().method());
            close(d.spectrum().rho(), c.spectrum().rho(), 1e-10, "rho");
            close(d.spectrum().sigma1(), c.spectrum().sigma1(), 1e-10, "sigma1");
            close(d.linear().rate(), c.linear().rate(), 1e-9, "linear rate");
            for (int t = 0; t < 100; t += 9) {
                close(d.linear().growth()[t], c.linear().growth()[t], 1e-9, "growth " + t);
                close(d.linear().separationRatio()[t], c.linear().separationRatio()[t], 1e-6, "separation " + t);
            }
            close(d.linear().transientPeak(), c.linear().transientPeak(), 1e-9, "transient peak");
            close(d.linear().lyapunov(), c.linear().lyapunov(), 1e-9, "linear lyapunov");
            assertEquals(d.linear().outcome(), c.linear().outcome());
            close(d.tanh().gradientRatio(), c.tanh().gradientRatio(), 1e-9, "tanh gradient ratio");
            close(d.tanh().lyapunov(), c.tanh().lyapunov(), 1e-9, "tanh lyapunov");
            for (int i = 0; i < 3; i++)
                close(d.lyapunovSpectrum().exponents()[i], c.lyapunovSpectrum().exponents()[i], 1e-9, "lyapunov_spectrum " + i);
            assertEquals(d.echoState().holds(), c.echoState().holds());
            // finite precision: the same algorithm, sums in another order (CSR rows against BLAS): steps agree within a few
            for (String f : d.precision().keySet()) {
                Analysis.FinitePrecision a = d.precision().get(f), b = c.precision().get(f);
                assertTrue(Math.abs(a.forgetStep() - b.forgetStep()) <= 3, f + " forget " + a.forgetStep() + " vs " + b.forgetStep());
                assertTrue(Math.abs(a.deadStep() - b.deadStep()) <= Math.max(3, a.deadStep() / 100), f + " dead " + a.deadStep() + " vs " + b.deadStep());
            }
        }
    }

    @Test
    void leakyUnitsAgreeAndTheEffectiveRadiusIsTheLeakyMatrixs() {
        SparseMatrix s = draw(1.05, 4);
        AnalysisOptions o = new AnalysisOptions(0, false, 0.3, true, 800, 0.0);
        Analysis d = Analyzer.analyze(request(s.toDense(), Activation.TANH, Precision.NONE, o));
        Analysis c = Analyzer.analyze(request(s, Activation.TANH, Precision.NONE, o));
        // dense: max |1 − a + aλ| over LAPACK's spectrum; sparse: the Krylov solver on (1 − a)I + aW itself
        close(d.effectiveRho(), c.effectiveRho(), 1e-10, "effective_rho");
        close(d.linear().rate(), c.linear().rate(), 1e-9, "leaky linear rate");
        close(d.tanh().gradientRatio(), c.tanh().gradientRatio(), 1e-9, "leaky tanh gradient");
        close(d.tanh().lyapunov(), c.tanh().lyapunov(), 1e-9, "leaky tanh lyapunov");
        assertEquals(d.echoState().holds(), c.echoState().holds());
        close(d.echoState().maxDistance() + 1e-300, c.echoState().maxDistance() + 1e-300, 1e-6, "esp distance");
    }

    @Test
    void theExactTransientAndIndependentJacobiansNeedADenseMatrix() {
        int n = 3000;
        SparseMatrix s = MatrixGenerator.sparseCsr(new MatrixRecipe(Ensemble.SPARSE, n, 0.001, Scaling.GAIN, 1.0), 1);
        assertThrows(IllegalArgumentException.class,
                () -> request(s, Activation.TANH, Precision.NONE, new AnalysisOptions(0, true)));
        assertThrows(IllegalArgumentException.class, () -> new AnalysisRequest("t", s, 1, Activation.TANH, 100, 1e-6, 0, null, null,
                null, Precision.NONE, 3000, 1e6, new MatrixRecipe(Ensemble.SPARSE, n, 0.001, Scaling.GAIN, 1.0), AnalysisOptions.DEFAULT));
    }

    /** The CSR draw: O(nnz), nonzeros Binomial(n², p), entries N(0, g²/(pn)), every row's columns increasing, per seed. */
    @Test
    void theCsrDrawHasTheEnsemblesLaw() {
        int n = 20_000;
        double p = 5e-4;
        MatrixRecipe r = new MatrixRecipe(Ensemble.SPARSE, n, p, Scaling.GAIN, 2.0);
        SparseMatrix w = MatrixGenerator.sparseCsr(r, 42);
        double mean = (double) n * n * p, sd = Math.sqrt(mean * (1 - p));
        assertTrue(Math.abs(w.nnz() - mean) <= 5 * sd, "nnz " + w.nnz() + " against " + mean);
        double sum = 0, sq = 0;
        for (double x : w.data()) {
            sum += x;
            sq += x * x;
        }
        double var = 4.0 / (p * n), m = w.nnz();
        assertEquals(0, sum / m, 5 * Math.sqrt(var / m));
        assertEquals(var, sq / m, 5 * var * Math.sqrt(2 / m));
        // columns uniform: the mean column index is (n − 1)/2
        double cols = 0;
        for (int j : w.indices()) cols += j;
        assertEquals((n - 1) / 2.0, cols / m, 5 * n / Math.sqrt(12 * m));
        assertEquals(w, MatrixGenerator.sparseCsr(r, 42));
        assertTrue(!w.equals(MatrixGenerator.sparseCsr(r, 43)));
    }

    /** ρ of the CSR draw follows the circular law: g·(1 + O(n^{-1/2})) for the gain-scaled sparse ensemble. */
    @Test
    void theCsrDrawsRadiusIsTheGain() {
        SparseMatrix w = MatrixGenerator.sparseCsr(new MatrixRecipe(Ensemble.SPARSE, 20_000, 5e-4, Scaling.GAIN, 0.8), 7);
        double rho = KrylovSpectra.analyze(MatrixOperator.of(w), 6).rho();
        assertEquals(0.8, rho, 0.8 * 0.05, "ρ = " + rho);
    }
}

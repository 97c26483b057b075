package org.spectralflow.math;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.junit.jupiter.api.Test;
import org.spectralflow.codec.InvalidRecordException;
import org.spectralflow.codec.SpecCodec;
import org.spectralflow.model.Activation;
import org.spectralflow.model.Analysis;
import org.spectralflow.model.AnalysisOptions;
import org.spectralflow.model.AnalysisRequest;

/** Leaky units (DESIGN §6.4) and the echo state check (§6.5), against Commons Math and direct loops. */
class LeakyEchoStateTest {
    static AnalysisRequest request(double[] w, int n, int steps, AnalysisOptions o) {
        return AnalysisRequest.of("t", n, w).withSteps(steps).withSeed(5).withOptions(o);
    }

    static AnalysisOptions leak(double a) {
        return new AnalysisOptions(0, false, a, false, AnalysisOptions.DEFAULT_ESP_STEPS, 0);
    }

    @Test
    void effectiveRhoIsTheRadiusOfTheLeakyMap() {
        int n = 12;
        Random r = new Random(1);
        double[] w = new double[n * n];
        for (int i = 0; i < w.length; i++) w[i] = 1.4 * r.nextGaussian() / Math.sqrt(n);
        for (double a : new double[] {0.1, 0.5, 0.9}) {
            Analysis an = Analyzer.analyze(request(w, n, 600, leak(a)));
            double[][] m = new double[n][n];
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) m[i][j] = a * w[i * n + j] + (i == j ? 1 - a : 0);
            EigenDecomposition e = new EigenDecomposition(new Array2DRowRealMatrix(m));
            double rho = 0;
            for (int i = 0; i < n; i++) rho = Math.max(rho, Math.hypot(e.getRealEigenvalues()[i], e.getImagEigenvalues()[i]));
            assertEquals(rho, an.effectiveRho(), 1e-12, "a = " + a);
            assertEquals(a, an.leak());
            assertEquals(Math.log(rho), an.linear().rate(), 0.02, "the linear map's rate follows the leaky map");
            assertEquals(Math.log(rho), an.linear().lyapunov(), 0.02);
        }
    }

    /** The leaky tanh network's gradient rate against a direct loop: h ← (1 − a)h + a·tanh(Wh), g ← (1 − a)g + a·Wᵀ D g. */
    @Test
    void leakyTanhGradientFollowsItsJacobian() {
        int n = 10, steps = 60;
        double a = 0.3;
        Random r = new Random(6);
        double[] w = new double[n * n];
        for (int i = 0; i < w.length; i++) w[i] = 2.0 * r.nextGaussian() / Math.sqrt(n);
        Analysis an = Analyzer.analyze(request(w, n, steps, leak(a)));
        double[] h = new SeededRandom(5, SeededRandom.Stream.H0).gaussians(n), g = new SeededRandom(5, SeededRandom.Stream.G).unitVector(n);
        double[][] d = new double[steps][n];
        for (int s = 0; s < steps; s++) {
            double[] next = new double[n];
            for (int i = 0; i < n; i++) {
                double z = 0;
                for (int j = 0; j < n; j++) z += w[i * n + j] * h[j];
                double t = Math.tanh(z);
                d[s][i] = 1 - t * t;
                next[i] = (1 - a) * h[i] + a * t;
            }
            h = next;
        }
        double[] v = g.clone();
        for (int s = steps - 1; s >= 0; s--) {
            double[] next = new double[n];
            for (int j = 0; j < n; j++) {
                double sum = 0;
                for (int i = 0; i < n; i++) sum += w[i * n + j] * d[s][i] * v[i];
                next[j] = (1 - a) * v[j] + a * sum;
            }
            v = next;
        }
        double norm = 0;
        for (double x : v) norm += x * x;
        assertEquals(Math.log(Math.sqrt(norm)) / steps, an.tanh().rate(), 1e-11);
    }

    @Test
    void leakyLinearLyapunovSpectrumIsLnOfTheShiftedEigenvalues() {
        int n = 6;
        double a = 0.4;
        double[] diag = {1.1, -0.8, 0.5, 0.3, 0.2, 0.1}, w = new double[n * n];
        for (int i = 0; i < n; i++) {
            w[i * n + i] = diag[i];
            if (i + 1 < n) w[i * n + i + 1] = 0.2;
        }
        Analysis.LyapunovSpectrum s = LyapunovSpectra.of(w, n, Activation.LINEAR, new double[n], new double[n], 3, 4000, 2, null, a);
        double[] want = new double[n];
        for (int i = 0; i < n; i++) want[i] = Math.log(Math.abs(1 - a + a * diag[i]));
        java.util.Arrays.sort(want);
        for (int i = 0; i < 3; i++) assertEquals(want[n - 1 - i], s.exponents()[i], 2e-3);
    }

    /** The counterexample: ρ = 0.90007 < 1, yet random starts fall into a period-2 orbit while the zero state stays. */
    @Test
    void echoStateCounterexampleIsFlagged() {
        double[] w = {-2.594, 0.887, -4.256, 1.143};
        AnalysisOptions esp = new AnalysisOptions(0, false, 1, true, 2000, 0);
        Analysis an = Analyzer.analyze(request(w, 2, 100, esp));
        assertEquals(0.90007, an.spectrum().rho(), 1e-5);
        assertFalse(an.echoState().holds());
        // the orbit ±(0.8935, 0.9905) against the zero state (0.9905), or two starts in opposite phases (2 × 0.9905)
        double dist = an.echoState().maxDistance();
        assertTrue(Math.abs(dist - 0.9905) < 1e-4 || Math.abs(dist - 2 * 0.9905) < 2e-4, "max distance " + dist);
        // a contraction (σ₁ < 1) forgets every start, with or without input
        double[] c = {0.5, 0.2, -0.1, 0.4};
        assertTrue(Analyzer.analyze(request(c, 2, 100, esp)).echoState().holds());
        Analysis driven = Analyzer.analyze(request(c, 2, 100, new AnalysisOptions(0, false, 0.5, true, 500, 0.8)));
        assertTrue(driven.echoState().holds());
        assertTrue(driven.echoState().maxDistance() <= EchoState.TOLERANCE);
        // per cell: the fraction that failed
        CellAccumulator acc = new CellAccumulator();
        acc.add(an, Activation.TANH);
        acc.add(Analyzer.analyze(request(c, 2, 100, esp)), Activation.TANH);
        assertEquals(0.5, acc.stats().spectral().espViolated());
        assertTrue(Double.isNaN(new CellAccumulator().stats().spectral().espViolated()), "not checked: no fraction");
    }

    @Test
    void specsCarryLeakAndEspAndRefuseWhatIsNotSupported() {
        String base = "{\"v\":1,\"sweep\":\"s\",\"id\":\"s/0/0\",\"cell\":0,\"cell_trials\":1,\"trial\":0,\"seed\":1,"
                + "\"ensemble\":\"gaussian\",\"n\":8,\"scaling\":\"radius\",\"scale\":0.9,\"activation\":\"tanh\",\"steps\":20";
        var s = SpecCodec.decode((base + ",\"leak\":0.2,\"esp\":true,\"esp_steps\":300}").getBytes(StandardCharsets.UTF_8), 4096);
        assertEquals(0.2, s.options().leak());
        assertTrue(s.options().esp());
        assertEquals(s, SpecCodec.decode(org.spectralflow.codec.Json.bytes(SpecCodec.encode(s)), 4096), "round trip");
        for (String bad : new String[] {",\"leak\":0}", ",\"leak\":1.5}", ",\"esp\":\"yes\"}", ",\"leak\":0.5,\"precision\":\"f32\"}",
                ",\"input_scale\":-1}"})
            assertThrows(InvalidRecordException.class, () -> SpecCodec.decode((base + bad).getBytes(StandardCharsets.UTF_8), 4096), bad);
    }
}

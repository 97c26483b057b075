package org.spectralflow.math;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.spectralflow.model.Activation;
import org.spectralflow.model.Analysis;
import org.spectralflow.model.AnalysisOptions;
import org.spectralflow.model.AnalysisRequest;
import org.spectralflow.model.CellKey;
import org.spectralflow.model.CellStats;
import org.spectralflow.model.Ensemble;
import org.spectralflow.model.Precision;
import org.spectralflow.model.Scaling;
import org.spectralflow.model.Spec;
import org.spectralflow.model.SweepGrid;

/** Lyapunov spectra, the circular-law cell statistics, Newman's exponent and the transient peak, against closed forms and Commons Math. */
class ScienceTest {
    static RealMatrix matrix(double[] rowMajor, int n) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) a[i][j] = rowMajor[i * n + j];
        return new Array2DRowRealMatrix(a);
    }

    /** For the linear map the exponents are ln|λ_i| of the k largest moduli (an upper-triangular W shows them on its diagonal). */
    @Test
    void linearMapExponentsAreTheLogModuliOfTheEigenvalues() {
        int n = 8, k = 4;
        double[] diag = {1.2, -0.9, 0.7, 0.55, 0.4, 0.3, 0.2, 0.1};
        Random r = new Random(3);
        double[] w = new double[n * n];
        for (int i = 0; i < n; i++) {
            w[i * n + i] = diag[i];
            for (int j = i + 1; j < n; j++) w[i * n + j] = 0.3 * r.nextGaussian();
        }
        Analysis.LyapunovSpectrum s = LyapunovSpectra.of(w, n, Activation.LINEAR, new double[n], new double[n], k, 4000, 7, null, 1.0);
        for (int i = 0; i < k; i++) assertEquals(Math.log(Math.abs(diag[i])), s.exponents()[i], 2e-3, "λ_" + (i + 1));
        // λ₁ = ln 1.2 > 0 and λ₁ + λ₂ = ln 1.08 > 0, λ₁ + λ₂ + λ₃ = ln 0.756 < 0: j = 2
        double[] e = s.exponents();
        assertEquals(2 + (e[0] + e[1]) / Math.abs(e[2]), s.kaplanYorke(), 1e-12);
        assertEquals(e[0], s.entropyRate(), 1e-15, "only λ₁ is positive");
    }

    /** The tanh map's spectrum against Benettin's method written out with Commons Math's QR from the same seeded basis. */
    @Test
    void tanhMapSpectrumMatchesAnIndependentBenettin() {
        int n = 12, k = 5, steps = 300;
        Random r = new Random(8);
        double[] w = new double[n * n], h0 = new double[n], bias = new double[n];
        for (int i = 0; i < w.length; i++) w[i] = 2.5 * r.nextGaussian() / Math.sqrt(n); // chaotic: g = 2.5
        for (int i = 0; i < n; i++) {
            h0[i] = r.nextGaussian();
            bias[i] = 0.1 * r.nextGaussian();
        }
        long seed = 42;
        Analysis.LyapunovSpectrum ours = LyapunovSpectra.of(w, n, Activation.TANH, h0, bias, k, steps, seed, null, 1.0);
        double[] g = new SeededRandom(seed, SeededRandom.Stream.LYAPUNOV_BASIS).gaussians(n * k);
        double[][] q0 = new double[n][k];
        for (int j = 0; j < k; j++) for (int i = 0; i < n; i++) q0[i][j] = g[j * n + i]; // column-major
        RealMatrix q = new QRDecomposition(new Array2DRowRealMatrix(q0)).getQ().getSubMatrix(0, n - 1, 0, k - 1);
        RealMatrix wm = matrix(w, n);
        double[] h = h0.clone(), sums = new double[k];
        for (int t = 1; t <= steps; t++) {
            double[] z = wm.operate(h), d = new double[n];
            for (int i = 0; i < n; i++) {
                h[i] = Math.tanh(z[i] + bias[i]);
                d[i] = 1 - h[i] * h[i];
            }
            RealMatrix y = wm.multiply(q);
            for (int i = 0; i < n; i++) for (int j = 0; j < k; j++) y.setEntry(i, j, d[i] * y.getEntry(i, j));
            QRDecomposition qr = new QRDecomposition(y);
            RealMatrix rr = qr.getR();
            if (t > steps / 10) for (int i = 0; i < k; i++) sums[i] += Math.log(Math.abs(rr.getEntry(i, i)));
            q = qr.getQ().getSubMatrix(0, n - 1, 0, k - 1);
        }
        double[] ref = new double[k];
        for (int i = 0; i < k; i++) ref[i] = sums[i] / (steps - steps / 10);
        java.util.Arrays.sort(ref);
        for (int i = 0; i < k; i++) assertEquals(ref[k - 1 - i], ours.exponents()[i], 1e-9, "λ_" + (i + 1));
    }

    @Test
    void kaplanYorkeAndEntropyFollowTheirDefinitions() {
        assertEquals(0.0, LyapunovSpectra.kaplanYorke(new double[] {-0.1, -0.5}));
        assertTrue(Double.isNaN(LyapunovSpectra.kaplanYorke(new double[] {0.3, 0.1})), "k too small");
        assertEquals(1 + 0.3 / 0.5, LyapunovSpectra.kaplanYorke(new double[] {0.3, -0.5, -0.9}), 1e-15);
        assertEquals(0.4, LyapunovSpectra.entropyRate(new double[] {0.3, 0.1, -0.2}), 1e-15);
        assertTrue(Double.isNaN(LyapunovSpectra.entropyRate(new double[] {0.3, 0.1})), "λ_k > 0: k too small");
    }

    /** Edelman–Kostlan–Shub: a gaussian cell's mean count of real eigenvalues is E_N, whatever its scaling. */
    @Test
    void realEigenvalueCountsFollowEdelmanKostlanShub() {
        assertEquals(3.6165, Theory.expectedRealEigenvalues(16), 5e-5);
        assertEquals(6.8456, Theory.expectedRealEigenvalues(64), 5e-5);
        assertEquals(Math.sqrt(2), Theory.expectedRealEigenvalues(2), 1e-14);
        int trials = 1500;
        SweepGrid grid = new SweepGrid("ekz", 5, List.of(Ensemble.GAUSSIAN), List.of(16), Scaling.RADIUS, List.of(0.9),
                List.of(Activation.LINEAR), List.of(Precision.NONE), trials, 10, 1e-6, 1.0, 0, 1e6, 0.05, false, 1000);
        CellAccumulator acc = new CellAccumulator();
        double ratioSum = 0;
        long real = 0, realSq = 0;
        for (Spec s : grid.specs()) {
            Analysis a = Analyzer.analyze(s);
            acc.add(a, Activation.LINEAR);
            int c = 0;
            for (double im : a.spectrum().im()) if (im == 0) c++;
            real += c;
            realSq += (long) c * c;
            ratioSum += a.spectrum().sigma1() / a.spectrum().rho();
        }
        CellStats st = acc.stats();
        double mean = (double) real / trials, sd = Math.sqrt((realSq - trials * mean * mean) / (trials - 1));
        assertEquals(mean, st.spectral().realEigsMean(), 1e-12);
        assertEquals(Theory.expectedRealEigenvalues(16), mean, 4 * sd / Math.sqrt(trials), "E_16 within 4 standard errors");
        assertEquals(ratioSum / trials, st.spectral().sigma1OverRhoMean(), 1e-12);
        assertEquals(0.9, st.spectral().rhoP50(), 5e-5, "radius scaling: every ρ is the target");
        assertTrue(st.spectral().dominantRealFraction() > 0 && st.spectral().dominantRealFraction() < 1);
        assertEquals(Math.log(0.9), st.spectral().theoryRate(), 1e-12, "a fixed W's theory is ln ρ̄");
    }

    /** A product of independent gaussian matrices grows at Newman's exponent, and that is the cell's theory line. */
    @Test
    void independentJacobiansHaveNewmansTheory() {
        int n = 32, trials = 60;
        double gain = 1.3;
        assertEquals(-0.6351814227307391, Theory.newman(1, 1), 1e-15, "E ln|Z| = ½(ln 2 + ψ(½))");
        SweepGrid grid = new SweepGrid("newman", 3, List.of(Ensemble.GAUSSIAN), List.of(n), Scaling.GAIN, List.of(gain),
                List.of(Activation.LINEAR), List.of(Precision.NONE), trials, 400, 1e-6, 1.0, 0, 1e300, 100, true, 1000);
        CellAccumulator acc = new CellAccumulator();
        CellKey key = null;
        for (Spec s : grid.specs()) {
            acc.add(Analyzer.analyze(s), Activation.LINEAR);
            key = CellKey.of(s, "0");
        }
        CellStats st = acc.stats(key);
        double theory = Theory.newman(n, gain);
        assertEquals(theory, st.spectral().theoryRate(), 0);
        assertEquals(theory, st.gammaMean(), 4 * st.gammaSd() / Math.sqrt(trials) + 2e-3, "γ̄ against Newman");
        assertNotEquals(Math.log(st.rhoMean()), st.spectral().theoryRate(), "not ln ρ̄");
    }

    /** The exact transient peak against Commons Math's SVD of each power; the default estimate on the two cases. */
    @Test
    void transientPeakExactAndEstimated() {
        int n = 20, steps = 200;
        double[] jordan = new double[n * n];
        for (int i = 0; i < n; i++) {
            jordan[i * n + i] = 0.9;
            if (i + 1 < n) jordan[i * n + i + 1] = 1;
        }
        double[][] cases = {jordan, {0.9, 1, 0, 0.9}};
        for (double[] w : cases) {
            int m = (int) Math.round(Math.sqrt(w.length));
            RealMatrix b = matrix(w, m).transpose(), p = b;
            double truth = 0;
            for (int t = 1; t <= steps; t++) {
                if (t > 1) p = b.multiply(p);
                truth = Math.max(truth, new SingularValueDecomposition(p).getSingularValues()[0]);
            }
            assertEquals(truth, TransientPeak.exact(w, m, steps), 1e-6 * truth, "exact, n = " + m);
            AnalysisRequest req = AnalysisRequest.of("t", m, w).withSteps(steps);
            double estimate = Analyzer.analyze(req).linear().transientPeak();
            assertEquals(truth, estimate, 0.01 * truth, "estimate, n = " + m);
            assertTrue(estimate <= truth * (1 + 1e-9), "the estimate is a lower bound");
            assertEquals(truth, Analyzer.analyze(req.withOptions(new AnalysisOptions(0, true))).linear().transientPeak(), 1e-6 * truth);
        }
    }

    /** The mean-field tanh rate: ln g below the onset of chaos, and against an independent numpy quadrature above it. */
    @Test
    void meanFieldTanhRate() {
        assertEquals(Math.log(0.5), Theory.meanFieldTanhRate(0.5), 1e-15);
        assertEquals(0.0, Theory.meanFieldTanhRate(1.0), 1e-15);
        // SciPy: adaptive quad of both Gaussian expectations, the q map iterated to 1e-15 (120-node Gauss–Hermite is
        // too coarse at g = 3, where sech⁴(√q z) is a narrow peak: it gave 0.30955)
        assertEquals(0.06521721191286872, Theory.meanFieldTanhRate(1.5), 1e-12);
        assertEquals(0.3102493151452475, Theory.meanFieldTanhRate(3.0), 1e-12);
        // just above the onset, where q* → 0 and the fixed-point iteration of q crawls (SciPy: brentq on the q map, quad)
        assertEquals(6.453463099973433e-05, Theory.meanFieldTanhRate(1.01), 1e-13);
        assertEquals(6.6445391670208e-07, Theory.meanFieldTanhRate(1.001), 1e-13);
        // at the onset itself q* → 0 and γ → 0 (of order (g − 1)²), where the root's bracket is lost to rounding
        for (double g : new double[] {1 + 1e-12, 1 + 1e-15, Math.nextUp(1.0)})
            assertEquals(0.0, Theory.meanFieldTanhRate(g), 1e-14, "g = 1 + " + (g - 1));
    }
}

package org.spectralflow.math;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.spectralflow.model.Analysis;
import org.spectralflow.model.AnalysisRequest;
import org.spectralflow.model.Ensemble;
import org.spectralflow.model.MatrixRecipe;
import org.spectralflow.model.Scaling;

/** h ← tanh(gWh) with W ~ N(0, 1/N), against the linearisation and the mean-field theory. */
class TanhPropagationTest {

    @Test
    void belowOneTheStateDiesAndBothRatesAreLnGRho() {
        int n = 100, steps = 2000;
        for (double g : new double[] {0.5, 0.8, 0.9}) {
            double[] w1 = MatrixGenerator.generate(new MatrixRecipe(Ensemble.GAUSSIAN, n, 1, Scaling.GAIN, 1.0), 21L);
            double[] w = w1.clone();
            Vectors.scale(w, g);
            double rhoW = Spectra.radius(w1, n);
            Analysis.Tanh t = Analyzer.analyze(AnalysisRequest.of("g", n, w).withSteps(steps).withSeed(4)).tanh();
            double expected = Math.log(g * rhoW);
            assertTrue(expected < 0);
            assertEquals(expected, t.lyapunov(), 2e-3, "Lyapunov exponent at g = " + g);
            assertEquals(expected, t.rate(), 2e-3, "gradient rate at g = " + g);
        }
    }

    @Test
    void aboveTheOnsetOfChaosTheLyapunovExponentIsTheMeanFieldValue() {
        int n = 500, steps = 1500;
        double[] w1 = MatrixGenerator.generate(new MatrixRecipe(Ensemble.GAUSSIAN, n, 1, Scaling.GAIN, 1.0), 8L);
        double rhoW = Spectra.radius(w1, n);
        for (double g : new double[] {2, 3}) {
            double[] w = w1.clone();
            Vectors.scale(w, g);
            Analysis a = Analyzer.analyze(AnalysisRequest.of("chaos", n, w).withSteps(steps).withSeed(9));
            double meanField = meanFieldLyapunov(g);
            assertEquals(meanField, a.tanh().lyapunov(), 0.01, "g = " + g);
            assertTrue(a.tanh().lyapunov() > 0, "chaotic: positive exponent");
            assertTrue(a.tanh().rate() < Math.log(g * rhoW) - 0.1, "saturation slows explosion: "
                    + a.tanh().rate() + " vs linear " + Math.log(g * rhoW));
            assertTrue(a.tanh().rate() > 0, "but does not stop it");
        }
    }

    /** λ = ½ ln(g² E[sech⁴(g√q z)]) with q = E[tanh²(g√q z)], by Gauss–Hermite quadrature. */
    static double meanFieldLyapunov(double g) {
        double q = 1;
        for (int it = 0; it < 500; it++) {
            double sq = Math.sqrt(q);
            q = gaussianMean(z -> Math.pow(Math.tanh(g * sq * z), 2));
        }
        double sq = Math.sqrt(q);
        return 0.5 * Math.log(g * g * gaussianMean(z -> Math.pow(1 / Math.cosh(g * sq * z), 4)));
    }

    static double gaussianMean(java.util.function.DoubleUnaryOperator f) {
        // E[f(z)], z ~ N(0,1), by the trapezoid rule on [-12, 12] (exponentially accurate for smooth f)
        int m = 4000;
        double h = 24.0 / m, s = 0;
        for (int i = 0; i <= m; i++) {
            double z = -12 + i * h;
            s += (i == 0 || i == m ? 0.5 : 1) * f.applyAsDouble(z) * Math.exp(-z * z / 2);
        }
        return s * h / Math.sqrt(2 * Math.PI);
    }
}

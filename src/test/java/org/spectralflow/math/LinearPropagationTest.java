package org.spectralflow.math;

import static org.junit.jupiter.api.Assertions.*;

import org.apache.commons.math3.special.Gamma;
import org.junit.jupiter.api.Test;
import org.spectralflow.model.Analysis;
import org.spectralflow.model.AnalysisRequest;
import org.spectralflow.model.Ensemble;
import org.spectralflow.model.MatrixRecipe;
import org.spectralflow.model.Outcome;
import org.spectralflow.model.Scaling;
import org.spectralflow.model.Spectrum;

/** The seed's experiment and products of random matrices, against theory. */
class LinearPropagationTest {

    @Test
    void separationAlongARealDominantEigenvectorIsDeltaLambdaToTheNUpToRounding() {
        // both vectors carry rounding errors of ε per step, against a difference of size δ:
        // the ratio is 1 within T·ε/δ (2.2e-8 here)
        double tolerance = AnalysisRequest.DEFAULT_STEPS * Math.ulp(1.0) / AnalysisRequest.DEFAULT_DELTA;
        for (double rho : new double[] {0.5, 0.9, 1.1, 1.5}) {
            int found = 0;
            for (long seed = 1; found < 3; seed++) {
                int n = 32;
                double[] w = MatrixGenerator.generate(new MatrixRecipe(Ensemble.GAUSSIAN, n, 1, Scaling.RADIUS, rho), seed);
                Analysis a = Analyzer.analyze(AnalysisRequest.of("t", n, w).withSeed(seed));
                if (a.spectrum().lambda1Im() != 0) continue;
                found++;
                double[] ratio = a.linear().separationRatio();
                assertEquals(100, ratio.length);
                for (int i = 0; i < ratio.length; i++)
                    assertEquals(1.0, ratio[i], tolerance, "ρ = " + rho + ", seed " + seed + ", n = " + (i + 1));
            }
        }
    }

    @Test
    void separationAlongAComplexDominantEigenvectorIsBoundedAndPeriodic() {
        // B = Wᵀ; W upper block-triangular with a non-normal 2×2 block of eigenvalues 1.1·e^{±iπ/4}
        int n = 10;
        double rho = 1.1, theta = Math.PI / 4;
        double a = rho * Math.cos(theta), s = rho * Math.sin(theta);
        double b = 2.5 * s, c = -s / 2.5; // bc = −s²: eigenvalues a ± i s, far from normal
        SeededRandom rng = new SeededRandom(5, SeededRandom.Stream.MATRIX);
        double[] w = new double[n * n];
        w[0] = a; w[1] = b; w[n] = c; w[n + 1] = a;
        for (int i = 0; i < 2; i++) for (int j = 2; j < n; j++) w[i * n + j] = rng.nextGaussian();
        for (int i = 2; i < n; i++) for (int j = 2; j < n; j++) w[i * n + j] = 0.3 * rng.nextGaussian() / Math.sqrt(n);
        Analysis an = Analyzer.analyze(AnalysisRequest.of("c", n, w).withSteps(64));
        Spectrum sp = an.spectrum();
        assertEquals(rho, sp.rho(), 1e-13);
        assertEquals(theta, sp.theta(), 1e-13);
        assertEquals(8.0, sp.period(), 1e-12);
        double[] ratio = an.linear().separationRatio();
        double min = Double.MAX_VALUE, max = 0;
        for (int i = 0; i < ratio.length; i++) {
            min = Math.min(min, ratio[i]);
            max = Math.max(max, ratio[i]);
            if (i + 8 < ratio.length) assertEquals(ratio[i], ratio[i + 8], 1e-8 * ratio[i], "period 2π/θ = 8 at n = " + (i + 1));
        }
        assertTrue(max - min > 0.1, "the ratio oscillates for a complex λ₁: " + min + " .. " + max);
        assertTrue(max < 100 && min > 0.01, "the ratio stays bounded: " + min + " .. " + max);
    }

    @Test
    void growthRateOfAScaledOrthogonalMatrixIsLnG() {
        int n = 20;
        double[] w = MatrixGenerator.generate(new MatrixRecipe(Ensemble.ORTHOGONAL, n, 1, Scaling.GAIN, 1.2), 3L);
        Analysis.Linear lin = Analyzer.analyze(AnalysisRequest.of("o", n, w)).linear();
        for (int i = 0; i < 100; i++) assertEquals(Math.pow(1.2, i + 1), lin.growth()[i], 1e-12 * Math.pow(1.2, i + 1));
        assertEquals(Math.log(1.2), lin.rate(), 1e-13);
        assertEquals(Math.log(1.2), lin.lyapunov(), 1e-13);
        assertEquals(Math.pow(1.2, 100), lin.transientPeak(), 1e-9 * Math.pow(1.2, 100));
        assertEquals(Outcome.EXPLODED, lin.outcome()); // 1.2^100 ≈ 8e7 > 1e6
    }

    @Test
    void ratiosBeyondDoubleRangeKeepAnExactRate() {
        int n = 8;
        double[] w = MatrixGenerator.generate(new MatrixRecipe(Ensemble.ORTHOGONAL, n, 1, Scaling.GAIN, 3.0), 4L);
        Analysis.Linear up = Analyzer.analyze(AnalysisRequest.of("u", n, w).withSteps(1000)).linear();
        assertEquals(Math.log(3.0), up.rate(), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, up.growth()[999]);
        assertEquals(Outcome.EXPLODED, up.outcome());
        double[] v = MatrixGenerator.generate(new MatrixRecipe(Ensemble.ORTHOGONAL, n, 1, Scaling.GAIN, 0.2), 4L);
        Analysis.Linear down = Analyzer.analyze(AnalysisRequest.of("d", n, v).withSteps(1000)).linear();
        assertEquals(Math.log(0.2), down.rate(), 1e-12);
        assertEquals(0.0, down.growth()[999]);
        assertEquals(Outcome.VANISHED, down.outcome());
    }

    @Test
    void transientPeakOfANonNormalContractionExceedsOne() {
        // ρ = 0.5 but a large off-diagonal entry: ‖B‖ ≫ 1 although Bⁿ → 0
        double[] w = {0.5, 0, 10, 0.5};
        Analysis a = Analyzer.analyze(AnalysisRequest.of("nn", 2, w).withSteps(40));
        assertEquals(0.5, a.spectrum().rho(), 1e-15);
        assertFalse(a.spectrum().contractive());
        // ‖Bⁿ‖₂ for the Jordan-like block: Bⁿ = [[0.5ⁿ, n·10·0.5ⁿ⁻¹],[0, 0.5ⁿ]]ᵀ; its max over n is known
        double best = 0;
        for (int k = 1; k <= 40; k++) {
            double p = Math.pow(0.5, k), q = k * 10 * Math.pow(0.5, k - 1);
            double[][] m = {{p, 0}, {q, p}};
            double t = m[0][0] * m[0][0] + m[1][0] * m[1][0] + m[0][1] * m[0][1] + m[1][1] * m[1][1];
            double det = p * p;
            best = Math.max(best, Math.sqrt((t + Math.sqrt(t * t - 4 * det * det)) / 2));
        }
        assertEquals(best, a.linear().transientPeak(), 1e-6 * best);
    }

    @Test
    void productsOfIndependentGaussianMatricesGrowAtNewmansRate() {
        for (int n : new int[] {16, 64}) {
            double g = 1.3;
            MatrixRecipe recipe = new MatrixRecipe(Ensemble.GAUSSIAN, n, 1, Scaling.GAIN, g);
            int runs = 40, steps = 100;
            double sum = 0, sumSq = 0;
            double[] w0 = MatrixGenerator.generate(recipe, 0L);
            for (int k = 0; k < runs; k++) {
                Analysis a = Analyzer.analyze(AnalysisRequest.of("p", n, w0).withSeed(1000 + k).withSteps(steps)
                        .withIndependentJacobians(recipe));
                assertNull(a.linear().separationRatio());
                sum += a.linear().rate();
                sumSq += a.linear().rate() * a.linear().rate();
            }
            double mean = sum / runs, se = Math.sqrt((sumSq / runs - mean * mean) / (runs - 1));
            double newman = Math.log(g) + 0.5 * (Math.log(2.0 / n) + Gamma.digamma(n / 2.0));
            assertEquals(newman, mean, 3 * se, "N = " + n + ": mean " + mean + " ± " + se);
            assertNotEquals(Math.log(g), newman, 3 * se); // the exponent is not ln g: the test can tell them apart
        }
    }
}

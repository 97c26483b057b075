package org.spectralflow.math;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.spectralflow.model.Activation;
import org.spectralflow.model.Analysis;
import org.spectralflow.model.Ensemble;
import org.spectralflow.model.MatrixRecipe;
import org.spectralflow.model.Precision.Format;
import org.spectralflow.model.Scaling;

/** Underflow, death, overflow and forgetting in f32 and f64 against their closed forms. */
class FinitePrecisionRunTest {
    static final int N = 24;

    static double[] scaledCyclicPermutation(double r) {
        double[] w = new double[N * N];
        for (int i = 0; i < N; i++) w[i * N + (i + 1) % N] = r;
        return w;
    }

    static double maxAbs(double[] x, Format f) {
        double m = 0;
        for (double v : x) m = Math.max(m, Math.abs(f == Format.F32 ? (float) v : v));
        return m;
    }

    @Test
    void subnormalStepOfAScaledPermutationIsTheClosedForm() {
        double[] h0 = new SeededRandom(1, SeededRandom.Stream.H0).gaussians(N);
        double[] h0p = new SeededRandom(1, SeededRandom.Stream.H0_PRIME).gaussians(N);
        for (Format f : Format.values()) {
            for (double r : new double[] {0.5, 0.9}) {
                Analysis.FinitePrecision p = FinitePrecisionRun.run(f, scaledCyclicPermutation(r), N, h0, h0p,
                        Activation.LINEAR, 1, 20_000);
                double theory = Math.ceil(Math.log(f.minNormal / maxAbs(h0, f)) / Math.log(r));
                assertEquals(theory, p.subnormalStep(), 1.0, f + " r = " + r);
                // a permutation cycles the frozen subnormal state with period N, which DESIGN's
                // "repeats h_{t−1} or h_{t−2}" does not call dead, except when all of it reaches zero
                assertTrue(p.deadStep() == -1 || p.deadStep() > p.subnormalStep(), "dead only after underflow");
                assertEquals(-1, p.overflowStep());
            }
        }
    }

    @Test
    void aRadiusAboveOneOverflowsAtTheClosedForm() {
        double[] h0 = new SeededRandom(2, SeededRandom.Stream.H0).gaussians(N);
        for (Format f : Format.values()) {
            double max = f == Format.F32 ? Float.MAX_VALUE : Double.MAX_VALUE;
            Analysis.FinitePrecision p = FinitePrecisionRun.run(f, scaledCyclicPermutation(1.5), N, h0, h0,
                    Activation.LINEAR, 2, 20_000);
            double theory = Math.log(max / maxAbs(h0, f)) / Math.log(1.5);
            assertEquals(Math.floor(theory) + 1, p.overflowStep(), 1.0, f.wire);
            assertEquals(-1, p.subnormalStep());
            assertEquals(-1, p.deadStep());
        }
    }

    @Test
    void forgettingOfALinearDrivenMapMatchesTheClosedForm() {
        for (long seed = 1; seed <= 3; seed++) {
            double[] q = MatrixGenerator.generate(new MatrixRecipe(Ensemble.ORTHOGONAL, N, 1, Scaling.GAIN, 1.0), seed);
            double[] h0 = new SeededRandom(seed, SeededRandom.Stream.H0).gaussians(N);
            double[] h0p = new SeededRandom(seed, SeededRandom.Stream.H0_PRIME).gaussians(N);
            for (Format f : Format.values()) {
                double[] d = new double[N];
                for (int i = 0; i < N; i++)
                    d[i] = f == Format.F32 ? (float) h0[i] - (float) h0p[i] : h0[i] - h0p[i];
                for (double r : new double[] {0.5, 0.9}) {
                    double[] w = q.clone();
                    Vectors.scale(w, r);
                    Analysis.FinitePrecision p = FinitePrecisionRun.run(f, w, N, h0, h0p, Activation.LINEAR, seed, 20_000);
                    double theory = Math.log(4 * f.epsilon / Vectors.norm(d)) / Math.log(r);
                    assertEquals(theory, p.forgetStep(), 0.15 * theory, f + " r = " + r + " seed " + seed);
                }
            }
        }
    }

    @Test
    void aMapThatDoesNotContractNeverForgetsWithinTheBudget() {
        double[] w = MatrixGenerator.generate(new MatrixRecipe(Ensemble.ORTHOGONAL, N, 1, Scaling.GAIN, 1.0), 5L);
        double[] h0 = new SeededRandom(5, SeededRandom.Stream.H0).gaussians(N);
        double[] h0p = new SeededRandom(5, SeededRandom.Stream.H0_PRIME).gaussians(N);
        Analysis.FinitePrecision p = FinitePrecisionRun.run(Format.F64, w, N, h0, h0p, Activation.LINEAR, 5, 500);
        assertEquals(-1, p.forgetStep());
        assertEquals(-1, p.subnormalStep());
    }
}

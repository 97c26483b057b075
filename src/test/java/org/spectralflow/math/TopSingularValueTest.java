package org.spectralflow.math;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spectralflow.model.Ensemble;
import org.spectralflow.model.MatrixRecipe;
import org.spectralflow.model.Scaling;

/** σ₁ by Lanczos against LAPACK's SVD and closed forms, on matrices that make Lanczos work hard. */
class TopSingularValueTest {
    private static final double EPS = Math.ulp(1.0);

    @Test
    void agreesWithTheSvdOnEveryEnsemble() {
        for (Ensemble e : new Ensemble[] {Ensemble.GAUSSIAN, Ensemble.UNIFORM, Ensemble.SPARSE, Ensemble.ORTHOGONAL})
            for (int n : new int[] {16, 40, 128, 300})
                for (long seed = 1; seed <= 3; seed++) {
                    double[] w = MatrixGenerator.generate(new MatrixRecipe(e, n, 0.2, Scaling.GAIN, 1.3), seed);
                    assertAgrees(e + " n = " + n + " seed " + seed, w, n);
                }
    }

    @Test
    void hardCasesAgreeWithTheSvd() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int n : new int[] {48, 200}) {
            double[] cluster = new double[n * n], jordan = new double[n * n], tiny = new double[n * n],
                    huge = new double[n * n], rankOne = new double[n * n], slow = new double[n * n];
            for (int i = 0; i < n; i++) {
                cluster[i * n + i] = 1 - i * 1e-13; // top singular values 1e-13 apart
                jordan[i * n + i] = 0.5;
                if (i + 1 < n) jordan[i * n + i + 1] = 1; // σ's crowd at 1.5: Lanczos needs all n steps
                slow[i * n + i] = Math.pow(0.999, i);
            }
            for (int i = 0; i < n * n; i++) {
                double g = rnd.nextGaussian();
                tiny[i] = g * 1e-200;
                huge[i] = g * 1e200;
                rankOne[i] = (i / n + 1) * ((i % n) % 3 - 1);
            }
            for (double[] w : new double[][] {cluster, jordan, tiny, huge, rankOne, slow})
                assertAgrees("n = " + n, w, n);
        }
    }

    @Test
    void closedForms() {
        int n = 64;
        double[] cyclic = new double[n * n], diag = new double[n * n];
        for (int i = 0; i < n; i++) {
            cyclic[i * n + (i + 1) % n] = 1.05; // 1.05 × a permutation: every σ is 1.05
            diag[i * n + i] = i % 2 == 0 ? -(1 + i) : 0.5;
        }
        assertEquals(1.05, TopSingularValue.of(cyclic, n).sigma1(), 2 * EPS);
        assertEquals(63.0, TopSingularValue.of(diag, n).sigma1(), 2 * EPS * 63);
        assertEquals(0.0, TopSingularValue.of(new double[n * n], n).sigma1());
        assertEquals(2.5, TopSingularValue.of(new double[] {-2.5}, 1).sigma1());
    }

    /** Same σ₁ as the SVD to a few ulps, and a vector p with ‖Wᵀp‖ = σ₁ (so it is the top one). */
    private static void assertAgrees(String what, double[] w, int n) {
        double expected = Lapack.topSingular(n, w.clone()).sigma1();
        TopSingularValue.Result r = TopSingularValue.of(w, n);
        assertEquals(expected, r.sigma1(), 16 * EPS * expected, what);
        assertEquals(1.0, Vectors.norm(r.vector()), 1e-14, what);
        double[] bp = new double[n];
        Vectors.multiplyTransposed(w, n, r.vector(), bp);
        assertEquals(expected, Vectors.norm(bp), 1e-7 * expected, what + ": ‖B p‖");
    }
}

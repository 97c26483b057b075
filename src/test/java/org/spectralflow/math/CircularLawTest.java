package org.spectralflow.math;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.spectralflow.model.Ensemble;
import org.spectralflow.model.MatrixRecipe;
import org.spectralflow.model.Scaling;

/**
 * The circular law for {@code gaussian} and {@code uniform} at N = 256: ρ near g, and |λ|²/g²
 * uniform on [0, 1] (so the eigenvalues fill the disk uniformly). The χ² test of 10 bins (9
 * degrees of freedom) has critical value 27.88, a 0.1 % false-failure rate for independent
 * samples; eigenvalues repel, which only lowers χ². Seeds are fixed, so the outcome is too.
 */
class CircularLawTest {

    @Test
    void eigenvaluesFillTheDiskOfRadiusG() {
        int n = 256, matrices = 12;
        for (Ensemble e : new Ensemble[] {Ensemble.GAUSSIAN, Ensemble.UNIFORM}) {
            double g = 1.7;
            long[] bins = new long[10];
            double rhoSum = 0;
            for (int k = 0; k < matrices; k++) {
                double[] w = MatrixGenerator.generate(new MatrixRecipe(e, n, 1, Scaling.GAIN, g), 500L + k);
                double[][] ev = Spectra.eigenvalues(w, n);
                rhoSum += Math.hypot(ev[0][0], ev[1][0]);
                for (int i = 0; i < n; i++) {
                    double r2 = (ev[0][i] * ev[0][i] + ev[1][i] * ev[1][i]) / (g * g);
                    bins[Math.min(9, (int) (r2 * 10))]++;
                }
            }
            double meanRho = rhoSum / matrices;
            assertEquals(g, meanRho, 0.05 * g, e + ": mean ρ");
            double expected = n * matrices / 10.0, chi2 = 0;
            for (long b : bins) chi2 += (b - expected) * (b - expected) / expected;
            assertTrue(chi2 < 27.88, e + ": χ² = " + chi2 + " for bins " + java.util.Arrays.toString(bins));
        }
    }
}

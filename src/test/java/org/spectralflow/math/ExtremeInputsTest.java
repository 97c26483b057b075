package org.spectralflow.math;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.spectralflow.model.Activation;
import org.spectralflow.model.LayerReading;
import org.spectralflow.model.Weights;

/**
 * The core at the edges of the double range: every matrix a record can legally carry gives a
 * reading or an IllegalArgumentException with a reason (what the jobs turn into a dead letter),
 * never another exception. An all-MAX_VALUE 5×5 matrix made LAPACK's QR fail to converge.
 */
class ExtremeInputsTest {
    @Test
    void everyFiniteMatrixGivesAReadingOrAReason() {
        double[] values = {0, Double.MIN_VALUE, 1e-300, 1, 1e300, -1e300, Double.MAX_VALUE};
        int readings = 0, reasons = 0;
        for (int n : new int[] {1, 2, 5}) for (double v : values) for (int pattern = 0; pattern < 3; pattern++) {
            double[] w = new double[n * n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    w[i * n + j] = switch (pattern) {
                        case 0 -> v;
                        case 1 -> i == j ? v : 0;
                        default -> ((i * 7 + j * 3) % 5 - 2) * v;
                    };
            for (Activation act : Activation.values()) {
                try {
                    LayerReading r = HealthAnalyzer.read(new Weights("m", "l", 1, n, w, act, 20));
                    assertFalse(Double.isNaN(r.rho()), "ρ of a finite matrix");
                    readings++;
                } catch (IllegalArgumentException e) {
                    assertNotNull(e.getMessage());
                    reasons++;
                }
            }
        }
        assertTrue(readings > 0 && reasons > 0, readings + " readings, " + reasons + " reasons");
    }
}

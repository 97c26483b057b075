package org.spectralflow.math;

import static org.junit.jupiter.api.Assertions.*;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast tanh and sech² against StrictMath, over the whole range and at its edges. */
class TanhTest {
    @Test
    void withinFourUlpsOfStrictMath() {
        SplittableRandom rnd = new SplittableRandom(11);
        int m = 200_000;
        double[] x = new double[m], t = new double[m], d = new double[m];
        for (int i = 0; i < m; i++) {
            double v = switch (i % 4) {
                case 0 -> 3 * rnd.nextGaussian();
                case 1 -> 0.3 * rnd.nextDouble();       // the expm1 branch and its boundary
                case 2 -> Math.scalb(rnd.nextDouble(), -rnd.nextInt(80));
                default -> 40 * rnd.nextDouble();
            };
            x[i] = i % 8 < 4 ? v : -v;
        }
        Tanh.withDerivative(x, t, d, m);
        for (int i = 0; i < m; i++) {
            double exact = StrictMath.tanh(x[i]);
            assertEquals(exact, t[i], 4 * Math.ulp(exact), "tanh(" + x[i] + ")");
            double c = StrictMath.cosh(x[i]), sech2 = 1 / (c * c); // itself a few ulps off
            assertEquals(sech2, d[i], 1e-15 * sech2, "sech²(" + x[i] + ")");
        }
    }

    @Test
    void edges() {
        double[] x = {0.0, -0.0, 1e-300, -1e-300, 20, -20, 360, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] t = new double[x.length], d = new double[x.length];
        Tanh.withDerivative(x, t, d, x.length);
        assertEquals(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(t[0]));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(t[1]));
        assertEquals(1e-300, t[2]);
        assertEquals(-1e-300, t[3]);
        assertEquals(1.0, d[0]);
        assertEquals(StrictMath.tanh(20), t[4]);
        assertEquals(-StrictMath.tanh(20), t[5]);
        assertEquals(4 * Math.exp(-40), d[4], 1e-15 * d[4]); // saturated: sech² keeps its digits
        assertEquals(1.0, t[6]);
        assertEquals(4 * Math.exp(-720), d[6], 1e-6 * d[6]); // ≈ 5e−313, subnormal: not flushed to 0 as 1/cosh² would be
        assertEquals(1.0, t[7]);
        assertEquals(-1.0, t[8]);
        assertEquals(0.0, d[7]);
    }
}

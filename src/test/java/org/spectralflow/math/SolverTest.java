package org.spectralflow.math;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Which LAPACK ran: the build's second test run forces the pure-Java fallback and checks it is the one in use. */
class SolverTest {
    @Test
    void theExpectedSolverIsInUse() {
        String expected = System.getProperty("spectralflow.expectSolver", "any");
        String solver = Spectra.solver();
        assertTrue(solver.equals("JNILAPACK") || solver.equals("F2jLAPACK") || solver.equals("JavaLAPACK"), solver);
        if (!expected.equals("any")) assertEquals(expected, solver);
        // whichever it is, it must answer: eigenvalues of [[0, 1], [-1, 0]] are ±i
        double[][] ev = Spectra.eigenvalues(new double[] {0, 1, -1, 0}, 2);
        assertEquals(0.0, ev[0][0], 1e-15);
        assertEquals(1.0, ev[1][0], 1e-15);
        assertEquals(-1.0, ev[1][1], 1e-15);
    }
}

package org.spectralflow.model;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Records that hold arrays compare by content. */
class RecordValuesTest {
    @Test
    void equalMatricesMakeEqualRecords() {
        Weights a = new Weights("m", "l", 1, 2, new double[] {1, 2, 3, 4}, Activation.TANH, 10);
        Weights b = new Weights("m", "l", 1, 2, new double[] {1, 2, 3, 4}, Activation.TANH, 10);
        Weights c = new Weights("m", "l", 1, 2, new double[] {1, 2, 3, 5}, Activation.TANH, 10);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, c);
        assertNotEquals(a, new Weights("m", "l", 2, 2, new double[] {1, 2, 3, 4}, Activation.TANH, 10));
        assertNotEquals(a, null);
        AnalysisRequest r = AnalysisRequest.of("x", 2, new double[] {1, 0, 0, 1});
        assertEquals(r, AnalysisRequest.of("x", 2, new double[] {1, 0, 0, 1}));
        assertNotEquals(r, r.withSteps(7));
    }
}

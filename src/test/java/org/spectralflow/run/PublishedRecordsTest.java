package org.spectralflow.run;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** Which dead letters are of a warm sweep's own records, and of which cell, without a map of every record. */
class PublishedRecordsTest {
    @Test
    void offsetsAreOursExactlyWhereWePublished() {
        SweepRunner.PublishedRecords ours = new SweepRunner.PublishedRecords();
        for (long o = 10; o < 20; o++) ours.add(0, o);
        for (long o = 25; o < 30; o++) ours.add(0, o); // another producer wrote 20–24
        ours.add(3, 0);
        for (long o : new long[] {10, 15, 19, 25, 29}) assertTrue(ours.contains(0, o), "offset " + o);
        for (long o : new long[] {9, 20, 24, 30, 1_000_000}) assertFalse(ours.contains(0, o), "offset " + o);
        assertTrue(ours.contains(3, 0));
        assertFalse(ours.contains(3, 1));
        assertFalse(ours.contains(1, 12), "a partition we never wrote to");
    }

    @Test
    void theCellComesFromSpectralflowsKey() {
        assertEquals(3L, SweepRunner.cellOf("sw/3/0", "sw"));
        assertEquals(12L, SweepRunner.cellOf("sw/12/100-199", "sw"));
        assertNull(SweepRunner.cellOf("sw2/3/0", "sw"), "another sweep whose name starts alike");
        assertNull(SweepRunner.cellOf("sw/x/0", "sw"));
        assertNull(SweepRunner.cellOf(null, "sw"));
        assertNull(SweepRunner.cellOf("sw", "sw"));
    }
}

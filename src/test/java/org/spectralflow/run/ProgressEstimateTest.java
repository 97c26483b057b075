package org.spectralflow.run;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

/** The progress estimate on counts that arrive in checkpoint-sized steps. */
class ProgressEstimateTest {
    /** 100 matrices a second, committed every 2 s after a 3 s start: the ETA never rises, and is right. */
    @Test
    void steadyWorkGivesAFallingEtaAndTheTrueRate() {
        ProgressEstimate e = new ProgressEstimate(15);
        long total = 2000;
        double last = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= 460; i++) {
            double t = i * 0.05;
            long done = t < 3 ? 0 : Math.min(total, (long) ((Math.floor((t - 3) / 2) + 1) * 200)); // 200 at each checkpoint
            e.observe(t, done);
            double left = e.secondsLeft(t, total);
            if (!Double.isNaN(left)) {
                assertTrue(left <= last + 1e-9, "ETA rose at t = " + t + ": " + last + " → " + left);
                last = left;
            }
        }
        assertEquals(100, e.rate(), 1e-9, "the rate between count changes");
        assertEquals(0, last, 1e-9, "done at the end");
    }

    @Test
    void unknownUntilTwoCountsAndTheWindowForgetsOldPace() {
        ProgressEstimate e = new ProgressEstimate(10);
        e.observe(1, 0);
        assertTrue(Double.isNaN(e.rate()) && Double.isNaN(e.secondsLeft(1, 100)));
        e.observe(2, 10);
        assertTrue(Double.isNaN(e.rate()), "one change: no rate yet");
        e.observe(4, 30); // 10/s
        assertEquals(10, e.rate(), 1e-12);
        for (int t = 6; t <= 40; t += 2) e.observe(t, 30 + (t - 4) * 50L); // then 50/s
        assertEquals(50, e.rate(), 1e-12, "after the window only the new pace counts");
    }

    /** The pace drops: once the countdown runs out with work left, the ETA says it does not know rather than 0 s. */
    @Test
    void anOverdueEstimateIsUnknownNotZero() {
        ProgressEstimate e = new ProgressEstimate(10);
        for (int t = 0; t <= 10; t++) e.observe(t, t * 10L); // 10 a second up to 100 of 200
        assertEquals(10, e.secondsLeft(10, 200), 1e-9);
        assertEquals(4, e.secondsLeft(16, 200), 1e-9, "counting down");
        assertTrue(Double.isNaN(e.secondsLeft(25, 200)), "overdue by 5 s: unknown");
        assertEquals(15, e.secondsSinceChange(25), 1e-9);
        e.observe(30, 200);
        assertEquals(0, e.secondsLeft(31, 200), 1e-9, "done is 0");
    }
}

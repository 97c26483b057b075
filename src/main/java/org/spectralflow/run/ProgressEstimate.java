package org.spectralflow.run;

/**
 * The rate and time left of a sweep from its committed counts, which arrive in steps (at each
 * checkpoint) rather than smoothly: the rate is measured between count changes over a sliding
 * window of the last {@code window} seconds of changes, and the time left counts down between
 * changes from the estimate made at the last one, so that at a steady pace it never rises.
 */
public final class ProgressEstimate {
    /**
     * Changes always kept, however old: slow matrices finish in lumps (as many as there are
     * subtasks, then a long gap), and a rate over two changes swings with each lump.
     */
    static final int MIN_CHANGES = 8;
    private final double window;
    private final java.util.ArrayDeque<double[]> changes = new java.util.ArrayDeque<>(); // {seconds, done}
    private long lastDone = -1;

    /** @param windowSeconds how far back the rate looks (at least {@link #MIN_CHANGES} changes are always kept) */
    public ProgressEstimate(double windowSeconds) {
        this.window = windowSeconds;
    }

    /** Records the count seen at {@code seconds} since the start. */
    public void observe(double seconds, long done) {
        if (done == lastDone) return;
        lastDone = done;
        if (done == 0) return; // nothing committed yet: no point of the rate
        changes.addLast(new double[] {seconds, done});
        while (changes.size() > MIN_CHANGES && seconds - changes.peekFirst()[0] > window) changes.removeFirst();
    }

    /** Matrices per second between the oldest and the newest change in the window; NaN until two changes. */
    public double rate() {
        if (changes.size() < 2) return Double.NaN;
        double[] a = changes.peekFirst(), b = changes.peekLast();
        return b[0] > a[0] ? (b[1] - a[1]) / (b[0] - a[0]) : Double.NaN;
    }

    /**
     * Seconds left at {@code now}: the estimate at the last change, counted down since; NaN while
     * unknown, and NaN again once the countdown has run out with work left (the pace has dropped:
     * a 0 s ETA with matrices outstanding would be a lie; see {@link #secondsSinceChange}).
     */
    public double secondsLeft(double now, long total) {
        double r = rate();
        if (!(r > 0)) return Double.NaN;
        double[] last = changes.peekLast();
        if (last[1] >= total) return 0;
        double left = (total - last[1]) / r - (now - last[0]);
        return left > 0 ? left : Double.NaN;
    }

    /** Seconds since the count last changed (NaN before the first result). */
    public double secondsSinceChange(double now) {
        return changes.isEmpty() ? Double.NaN : now - changes.peekLast()[0];
    }
}

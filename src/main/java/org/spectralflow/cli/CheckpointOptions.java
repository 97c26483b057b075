package org.spectralflow.cli;

/** Checks shared by every command that takes a checkpoint interval. */
final class CheckpointOptions {
    /** Flink's own lower bound. */
    static final long MIN_INTERVAL_MS = 10;

    private CheckpointOptions() {}

    static void check(long intervalMs) {
        if (intervalMs < MIN_INTERVAL_MS)
            throw new IllegalArgumentException("--checkpoint-interval must be at least " + MIN_INTERVAL_MS
                    + " ms (results are committed at checkpoints), got " + intervalMs);
    }
}

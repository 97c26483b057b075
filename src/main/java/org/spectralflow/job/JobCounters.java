package org.spectralflow.job;

/**
 * The names of the sweep job's live counters (Flink accumulators): how many trials its subtasks
 * have analysed, how many records they rejected and how many partials they shipped so far. They move with the work, before anything is
 * committed, and feed the progress bar; they are not exactly-once (a restarted subtask counts its
 * replayed records again), so finals are always counted from the committed stats topic.
 */
public final class JobCounters {
    /** Trials analysed. */
    public static final String ANALYSED = "spectralflow.analysed";
    /** Spec records turned into dead letters, and trials of claimed blocks whose analysis failed. */
    public static final String REJECTED = "spectralflow.rejected";
    /** Pre-aggregated partials shipped to the cells' aggregators. */
    public static final String PARTIALS = "spectralflow.partials";
    /** Records sent across the job's keyBy and rebalance edges (blocks to their claims, parts, partials). */
    public static final String SHUFFLE_RECORDS = "spectralflow.shuffle-records";
    /** Their bytes as Flink serializes them. */
    public static final String SHUFFLE_BYTES = "spectralflow.shuffle-bytes";

    private JobCounters() {}
}

package org.spectralflow.job;

/**
 * The names of the sweep job's live counters (Flink accumulators): how many spec records its
 * subtasks have analysed or rejected so far. They move with the work, before anything is
 * committed, and feed the progress bar; they are not exactly-once (a restarted subtask counts its
 * replayed records again), so finals are always counted from the committed stats topic.
 */
public final class JobCounters {
    /** Spec records analysed into a trial. */
    public static final String ANALYSED = "spectralflow.analysed";
    /** Spec records turned into dead letters. */
    public static final String REJECTED = "spectralflow.rejected";

    private JobCounters() {}
}

package org.spectralflow.job;

/**
 * The names of the sweep job's live counters (Flink accumulators): how many trials its subtasks
 * have analysed, how many records they rejected and what they sent across
 * each shuffle so far. They move with the work, before anything is
 * committed, and feed the progress bar; they are not exactly-once (a restarted subtask counts its
 * replayed records again), so finals are always counted from the committed stats topic.
 */
public final class JobCounters {
    /** Trials analysed. */
    public static final String ANALYSED = "spectralflow.analysed";
    /** Spec records turned into dead letters, and trials of claimed blocks whose analysis failed. */
    public static final String REJECTED = "spectralflow.rejected";
    /** The job's shuffles: blocks to their cell's claim, parts to the analysing subtasks, partials to the cell's aggregator. */
    public static final java.util.List<String> EDGES = java.util.List.of("blocks", "parts", "partials");

    /** Records sent across one of the {@link #EDGES}. */
    public static String shuffleRecords(String edge) {
        return "spectralflow.shuffle." + edge + ".records";
    }

    /** Their bytes as Flink serializes them. */
    public static String shuffleBytes(String edge) {
        return "spectralflow.shuffle." + edge + ".bytes";
    }

    private JobCounters() {}
}

package org.spectralflow.run;

import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.spectralflow.job.Defaults;

/**
 * The execution environment of {@code sweep-job} and {@code monitor-job}. Under {@code java -jar}
 * (a local MiniCluster) the job keeps its checkpoints in a state directory and resumes from the
 * newest one when started again, so a killed process loses and duplicates nothing. Under {@code
 * flink run} the cluster's config.yaml decides: what is set here is only what the user gave on
 * the command line, or what the cluster leaves unset and exactly-once output cannot do without.
 */
public final class JobEnvironments {
    private JobEnvironments() {}

    /**
     * @param stateDir the user's --state-dir, or null
     * @param checkpointMs the user's --checkpoint-interval, or null for the cluster's (locally: the default)
     */
    public static StreamExecutionEnvironment create(Path stateDir, Path localDefault, Long checkpointMs) {
        boolean local = StreamExecutionEnvironment.getExecutionEnvironment() instanceof LocalStreamEnvironment;
        Configuration conf = local ? Defaults.localFlinkConfiguration() : new Configuration();
        conf.setString("pipeline.generic-types", "false"); // a property of the job, not of the cluster
        Path dir = stateDir != null ? stateDir : local ? localDefault : null;
        if (dir != null)
            Checkpoints.retainAndRestore(conf, dir).ifPresentOrElse(
                    p -> System.err.println("resuming from checkpoint " + p),
                    () -> System.err.println("checkpoints in " + dir.toAbsolutePath() + " (none to resume from)"));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        if (checkpointMs != null) {
            Checkpoints.enable(env, checkpointMs);
        } else if (local || env.getCheckpointConfig().getCheckpointInterval() <= 0) {
            // results are committed at checkpoints: without them nothing would ever be written
            if (!local) System.err.println("the cluster configures no checkpoint interval; using " + org.spectralflow.job.Defaults.CHECKPOINT_INTERVAL_MS + " ms");
            Checkpoints.enable(env, org.spectralflow.job.Defaults.CHECKPOINT_INTERVAL_MS);
        }
        return env;
    }
}

package org.spectralflow.cli;

import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.spectralflow.job.Checkpoints;
import org.spectralflow.job.SweepRunner;

/**
 * The execution environment of {@code sweep-job} and {@code monitor-job}. Under {@code java -jar}
 * (a local MiniCluster) the job keeps its checkpoints in a state directory and resumes from the
 * newest one when started again, so a killed process loses and duplicates nothing. Under {@code
 * flink run} the cluster's config.yaml decides; a state directory given explicitly is still used.
 */
final class JobEnvironments {
    private JobEnvironments() {}

    static StreamExecutionEnvironment create(Path stateDir, Path localDefault) {
        boolean local = StreamExecutionEnvironment.getExecutionEnvironment() instanceof LocalStreamEnvironment;
        Configuration conf = local ? SweepRunner.flinkConfiguration() : new Configuration();
        conf.setString("pipeline.generic-types", "false"); // a property of the job, not of the cluster
        Path dir = stateDir != null ? stateDir : local ? localDefault : null;
        if (dir != null)
            Checkpoints.retainAndRestore(conf, dir).ifPresentOrElse(
                    p -> System.err.println("resuming from checkpoint " + p),
                    () -> System.err.println("checkpoints in " + dir.toAbsolutePath() + " (none to resume from)"));
        return StreamExecutionEnvironment.getExecutionEnvironment(conf);
    }
}

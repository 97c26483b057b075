package org.spectralflow.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.spectralflow.codec.AlertCodec;
import org.spectralflow.io.TempDirs;
import org.spectralflow.job.Defaults;
import org.spectralflow.job.MonitorJob;
import org.spectralflow.job.MonitorJobConfig;
import org.spectralflow.kafka.RejectionReporter;
import org.spectralflow.kafka.TopicFollower;

/**
 * Runs the monitor job on a local MiniCluster against a Kafka cluster until told to stop, printing
 * alerts and rejections as they are committed. With a state directory the job resumes from its
 * newest checkpoint there (an external broker outlives this process, so the job's state should
 * too); without one its checkpoints go to a temporary directory removed on close.
 */
public final class MonitorRunner implements AutoCloseable {
    private final MonitorJobConfig cfg;
    private final JobClient job;
    private final Path temporaryCheckpoints;

    private MonitorRunner(MonitorJobConfig cfg, JobClient job, Path temporaryCheckpoints) {
        this.cfg = cfg;
        this.job = job;
        this.temporaryCheckpoints = temporaryCheckpoints;
    }

    /** Creates the topics where missing and starts the job. */
    public static MonitorRunner start(MonitorJobConfig cfg, int weightPartitions, Path stateDir, PrintStream console)
            throws Exception {
        MonitorTopics.ensure(cfg, weightPartitions);
        Configuration conf = Defaults.localFlinkConfiguration();
        Path temporary = null;
        if (stateDir != null)
            Checkpoints.retainAndRestore(conf, stateDir).ifPresent(p -> console.println("resuming from checkpoint " + p));
        else
            temporary = Checkpoints.temporary(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(cfg.parallelism(), conf);
        Checkpoints.enable(env, cfg.checkpointIntervalMs());
        MonitorJob.build(env, cfg);
        return new MonitorRunner(cfg, env.executeAsync("spectralflow monitor"), temporary);
    }

    /**
     * Prints committed alerts to {@code alerts} and rejections to {@code console} while
     * {@code keepGoing} holds and the job runs; rethrows the job's failure.
     */
    public void follow(PrintStream alerts, PrintStream console, BooleanSupplier keepGoing) throws Exception {
        try (TopicFollower follower = new TopicFollower(cfg.bootstrapServers(), cfg.kafkaProperties(), List.of(cfg.alertsTopic()), false);
             RejectionReporter rejections = new RejectionReporter(cfg.bootstrapServers(), cfg.kafkaProperties(), cfg.dlqTopic(),
                     console, Duration.ofSeconds(5))) {
            while (keepGoing.getAsBoolean() && !job.getJobExecutionResult().isDone()) {
                rejections.poll(Duration.ZERO);
                for (TopicFollower.Message m : follower.poll(Duration.ofMillis(500))) {
                    try {
                        alerts.println("ALERT " + AlertCodec.decode(m.value()).message());
                    } catch (RuntimeException e) {
                        // not an alert of ours: the topic may carry other producers' records
                    }
                }
            }
        }
        if (job.getJobExecutionResult().isDone()) job.getJobExecutionResult().get();
    }

    @Override
    public void close() throws Exception {
        try {
            if (!job.getJobExecutionResult().isDone()) job.cancel().get();
        } finally {
            if (temporaryCheckpoints != null) TempDirs.delete(temporaryCheckpoints);
        }
    }
}

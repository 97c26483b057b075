package org.spectralflow.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.spectralflow.io.TempDirs;
import org.spectralflow.job.Defaults;
import org.spectralflow.job.SweepJob;
import org.spectralflow.job.SweepJobConfig;
import org.spectralflow.job.Topics;
import org.spectralflow.kafka.RejectionReporter;
import org.spectralflow.kafka.SpecPublisher;
import org.spectralflow.kafka.StatsFollower;
import org.spectralflow.kafka.TopicAdmin;
import org.spectralflow.model.CellAggregate;
import org.spectralflow.model.SweepGrid;

/**
 * Runs one sweep end to end against a Kafka cluster: creates the topics, publishes the grid,
 * runs the bounded sweep job on the given Flink environment and collects the final statistics.
 */
public final class SweepRunner {
    /** Progress as the stats topic tells it. */
    public record Progress(long done, long total, double elapsedSeconds) {}

    /**
     * The outcome: one final per (cell, bin), ordered by cell then bin.
     *
     * @param seconds from t0 until every published trial was counted in a committed final (the
     *     job's end when some never were, e.g. rejected specs); the job's teardown comes after
     */
    public record Outcome(List<CellAggregate> finals, List<String> duplicateFinals, long published, double seconds) {}

    private SweepRunner() {}

    /**
     * Creates the job's topics where missing and returns the config with the largest record its
     * output topics take (topics made elsewhere may take less than ours), so that an analysis too
     * large for them is rejected instead of failing the sink.
     */
    public static SweepJobConfig ensureTopics(SweepJobConfig cfg, int specPartitions) throws Exception {
        Map<String, Integer> topics = new java.util.LinkedHashMap<>();
        topics.put(cfg.specsTopic(), specPartitions);
        topics.put(cfg.statsTopic(), Defaults.partitions(Topics.STATS));
        topics.put(cfg.dlqTopic(), Defaults.partitions(Topics.DLQ));
        if (cfg.resultsTopic() != null) topics.put(cfg.resultsTopic(), Defaults.partitions(Topics.RESULTS));
        TopicAdmin.ensure(cfg.bootstrapServers(), cfg.kafkaProperties(), topics, TopicAdmin.MAX_MESSAGE_BYTES);
        if (cfg.resultsTopic() == null) return cfg;
        int max = TopicAdmin.maxMessageBytes(cfg.bootstrapServers(), cfg.kafkaProperties(), List.of(cfg.resultsTopic()));
        SweepJobConfig.Guards g = cfg.guards();
        // room for the record's key, headers and batch framing
        return cfg.withGuards(new SweepJobConfig.Guards(g.grids(), Math.min(g.maxRecordBytes(), max - 4096L), g.cellTtlMs()));
    }

    /**
     * @param env where to run; null for a local MiniCluster with cfg.parallelism() slots
     */
    public static Outcome run(SweepGrid grid, SweepJobConfig base, StreamExecutionEnvironment env, int specPartitions,
                              Consumer<Progress> progress) throws Exception {
        return run(grid, base, env, specPartitions, progress, null);
    }

    /** As above; rejections are reported on {@code console} as they are committed, when it is not null. */
    public static Outcome run(SweepGrid grid, SweepJobConfig base, StreamExecutionEnvironment env, int specPartitions,
                              Consumer<Progress> progress, PrintStream console) throws Exception {
        long t0 = System.nanoTime();
        // the job knows this sweep's grid: a spec of the sweep that is not the grid's is rejected
        base = ensureTopics(base.withGrid(grid), specPartitions);
        Map<Integer, Long> specStart = TopicAdmin.endOffsets(base.bootstrapServers(), base.kafkaProperties(), base.specsTopic());
        Map<Integer, Long> statsStart = TopicAdmin.endOffsets(base.bootstrapServers(), base.kafkaProperties(), base.statsTopic());
        long published = SpecPublisher.publish(base.bootstrapServers(), base.kafkaProperties(), base.specsTopic(),
                grid.specs(), null);
        return runPublished(grid.sweep(), published, base, specStart, statsStart, env, progress, t0, console);
    }

    /**
     * Runs the bounded job over what the specs topic received since {@code specStart} and collects
     * the finals of {@code sweep} that the stats topic received since {@code statsStart}.
     */
    public static Outcome runPublished(String sweep, long published, SweepJobConfig base, Map<Integer, Long> specStart,
                                       Map<Integer, Long> statsStart, StreamExecutionEnvironment env,
                                       Consumer<Progress> progress, long t0) throws Exception {
        return runPublished(sweep, published, base, specStart, statsStart, env, progress, t0, null);
    }

    /** As above; rejections are reported on {@code console} as they are committed, when it is not null. */
    public static Outcome runPublished(String sweep, long published, SweepJobConfig base, Map<Integer, Long> specStart,
                                       Map<Integer, Long> statsStart, StreamExecutionEnvironment env,
                                       Consumer<Progress> progress, long t0, PrintStream console) throws Exception {
        SweepJobConfig cfg = base.withBounded(specStart);
        Path checkpoints = null;
        if (env == null) {
            Configuration conf = Defaults.localFlinkConfiguration();
            checkpoints = Checkpoints.temporary(conf);
            env = StreamExecutionEnvironment.createLocalEnvironment(cfg.parallelism(), conf);
        }
        Checkpoints.enable(env, cfg.checkpointIntervalMs());
        SweepJob.build(env, cfg);
        RejectionReporter rejections = console == null ? null
                : new RejectionReporter(base.bootstrapServers(), base.kafkaProperties(), base.dlqTopic(), console, Duration.ofSeconds(2));
        JobClient job = null;
        try (StatsFollower follower = new StatsFollower(base.bootstrapServers(), base.kafkaProperties(), base.statsTopic(),
                sweep, statsStart)) {
            job = env.executeAsync("spectralflow sweep " + sweep);
            double allCounted = Double.NaN;
            while (!job.getJobExecutionResult().isDone()) {
                follower.poll(Duration.ofMillis(50));
                if (rejections != null) rejections.poll(Duration.ZERO);
                double elapsed = (System.nanoTime() - t0) / 1e9;
                if (Double.isNaN(allCounted) && follower.done() >= published) allCounted = elapsed;
                if (progress != null) progress.accept(new Progress(follower.done(), published, elapsed));
            }
            job.getJobExecutionResult().get(); // rethrows a job failure
            // the bounded job commits its last transaction before it finishes: read up to there
            follower.drain(Duration.ofSeconds(30));
            if (rejections != null) {
                rejections.poll(Duration.ofMillis(200));
                rejections.flush();
            }
            double elapsed = (System.nanoTime() - t0) / 1e9;
            if (progress != null) progress.accept(new Progress(follower.done(), published, elapsed));
            return new Outcome(follower.finals(), follower.duplicateFinals(), published,
                    Double.isNaN(allCounted) ? elapsed : allCounted);
        } finally {
            if (job != null && !job.getJobExecutionResult().isDone()) job.cancel().get();
            if (rejections != null) rejections.close();
            if (checkpoints != null) TempDirs.delete(checkpoints);
        }
    }
}

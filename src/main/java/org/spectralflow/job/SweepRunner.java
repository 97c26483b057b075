package org.spectralflow.job;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.spectralflow.codec.StatsCodec.StatsRecord;
import org.spectralflow.kafka.EmbeddedKafka;
import org.spectralflow.kafka.SpecPublisher;
import org.spectralflow.kafka.StatsFollower;
import org.spectralflow.kafka.TopicAdmin;
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
    public record Outcome(List<StatsRecord> finals, List<String> duplicateFinals, long published, double seconds) {}

    private SweepRunner() {}

    public static void ensureTopics(SweepJobConfig cfg, int specPartitions) throws Exception {
        Map<String, Integer> topics = new java.util.LinkedHashMap<>();
        topics.put(cfg.specsTopic(), specPartitions);
        topics.put(cfg.statsTopic(), 2);
        topics.put(cfg.dlqTopic(), 1);
        if (cfg.resultsTopic() != null) topics.put(cfg.resultsTopic(), 2);
        TopicAdmin.ensure(cfg.bootstrapServers(), cfg.kafkaProperties(), topics, EmbeddedKafka.MAX_MESSAGE_BYTES);
    }

    /** The Flink configuration every environment of the project uses: no silent Kryo. */
    public static Configuration flinkConfiguration() {
        Configuration c = new Configuration();
        c.setString("pipeline.generic-types", "false");
        c.setString("restart-strategy.type", "fixed-delay");
        c.setString("restart-strategy.fixed-delay.attempts", "10");
        c.setString("restart-strategy.fixed-delay.delay", "1 s");
        return c;
    }

    /**
     * @param env where to run; null for a local MiniCluster with cfg.parallelism() slots
     */
    public static Outcome run(SweepGrid grid, SweepJobConfig base, StreamExecutionEnvironment env, int specPartitions,
                              Consumer<Progress> progress) throws Exception {
        long t0 = System.nanoTime();
        ensureTopics(base, specPartitions);
        Map<Integer, Long> specStart = TopicAdmin.endOffsets(base.bootstrapServers(), base.kafkaProperties(), base.specsTopic());
        Map<Integer, Long> statsStart = TopicAdmin.endOffsets(base.bootstrapServers(), base.kafkaProperties(), base.statsTopic());
        long published = SpecPublisher.publish(base.bootstrapServers(), base.kafkaProperties(), base.specsTopic(),
                grid.specs(), null);
        return runPublished(grid.sweep(), published, base, specStart, statsStart, env, progress, t0);
    }

    /**
     * Runs the bounded job over what the specs topic received since {@code specStart} and collects
     * the finals of {@code sweep} that the stats topic received since {@code statsStart}.
     */
    public static Outcome runPublished(String sweep, long published, SweepJobConfig base, Map<Integer, Long> specStart,
                                       Map<Integer, Long> statsStart, StreamExecutionEnvironment env,
                                       Consumer<Progress> progress, long t0) throws Exception {
        SweepJobConfig cfg = base.withBounded(specStart);
        if (env == null) env = StreamExecutionEnvironment.createLocalEnvironment(cfg.parallelism(), flinkConfiguration());
        SweepJob.build(env, cfg);
        JobClient job = env.executeAsync("spectralflow sweep " + sweep);
        try (StatsFollower follower = new StatsFollower(base.bootstrapServers(), base.kafkaProperties(), base.statsTopic(),
                sweep, statsStart)) {
            double allCounted = Double.NaN;
            while (!job.getJobExecutionResult().isDone()) {
                follower.poll(Duration.ofMillis(50));
                double elapsed = (System.nanoTime() - t0) / 1e9;
                if (Double.isNaN(allCounted) && follower.done() >= published) allCounted = elapsed;
                if (progress != null) progress.accept(new Progress(follower.done(), published, elapsed));
            }
            job.getJobExecutionResult().get(); // rethrows a job failure
            // the bounded job commits its last transaction before it finishes: read up to there
            follower.drain(Duration.ofSeconds(30));
            double elapsed = (System.nanoTime() - t0) / 1e9;
            if (progress != null) progress.accept(new Progress(follower.done(), published, elapsed));
            return new Outcome(follower.finals(), follower.duplicateFinals(), published,
                    Double.isNaN(allCounted) ? elapsed : allCounted);
        }
    }
}

package org.spectralflow.deploy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;
import org.spectralflow.job.SweepJobConfig;
import org.spectralflow.kafka.SpecPublisher;
import org.spectralflow.kafka.StatsFollower;
import org.spectralflow.kafka.TopicAdmin;
import org.spectralflow.model.CellAggregate;
import org.spectralflow.model.SweepGrid;
import org.spectralflow.run.SweepRunner;

/** One sweep on a running cluster: publish the grid, submit the bounded job over REST, collect the finals. */
public final class ClusterSweep {
    private ClusterSweep() {}

    /** What the sweep produced; seconds from submission to the job's end. */
    public record Outcome(List<CellAggregate> finals, List<String> duplicateFinals, long counted, double seconds, String jobId) {}

    /** @param duringRun called about every 50 ms with the trials done so far (progress, fault injection) */
    public static Outcome run(LocalCluster c, Path jobJar, SweepGrid g, int parallelism, LongConsumer duringRun) throws Exception {
        return run(c, jobJar, g, parallelism, 0, duringRun);
    }

    /** As {@link #run(LocalCluster, Path, SweepGrid, int, LongConsumer)}, with a partial aggregate every {@code partialEvery} trials of a cell (0: the default). */
    public static Outcome run(LocalCluster c, Path jobJar, SweepGrid g, int parallelism, long partialEvery, LongConsumer duringRun)
            throws Exception {
        String bootstrap = c.bootstrapServers();
        SweepJobConfig cfg = SweepJobConfig.defaults(bootstrap);
        SweepRunner.ensureTopics(cfg, 4);
        Map<Integer, Long> statsStart = TopicAdmin.endOffsets(bootstrap, Map.of(), cfg.statsTopic());
        // the job reads exactly what this sweep publishes: from the topic's end before publishing
        Map<Integer, Long> specStart = TopicAdmin.endOffsets(bootstrap, Map.of(), cfg.specsTopic());
        StringBuilder offsets = new StringBuilder();
        specStart.forEach((p, o) -> offsets.append(offsets.length() == 0 ? "" : ",").append(p).append(':').append(o));
        SpecPublisher.publish(bootstrap, Map.of(), cfg.specsTopic(), g.blocks(0, 4), null);
        FlinkRest rest = c.rest();
        String jar = rest.upload(jobJar);
        long t0 = System.nanoTime();
        String job = rest.run(jar, "org.spectralflow.cli.JobMain", List.of("sweep-job", "--bootstrap-servers", bootstrap, "--bounded",
                "--parallelism", String.valueOf(parallelism), "--checkpoint-interval", "1000", "--partial-every", String.valueOf(partialEvery),
                "--transactional-id-prefix", "sf-" + g.sweep(), "--group-id", "sf-" + g.sweep(),
                "--start-offsets", offsets.toString()), parallelism);
        try (StatsFollower f = new StatsFollower(bootstrap, Map.of(), cfg.statsTopic(), g.sweep(), statsStart)) {
            String state = "";
            double allCounted = Double.NaN; // as SweepRunner: the clock stops at the last committed final
            while (!state.equals("FINISHED")) {
                for (int i = 0; i < 5; i++) {
                    f.poll(Duration.ofMillis(50));
                    if (Double.isNaN(allCounted) && f.done() >= g.size()) allCounted = (System.nanoTime() - t0) / 1e9;
                    if (duringRun != null) duringRun.accept(f.done());
                }
                state = rest.state(job);
                if (state.equals("FAILED") || state.equals("CANCELED"))
                    throw new IllegalStateException("the sweep job " + job + " ended " + state);
            }
            double seconds = Double.isNaN(allCounted) ? (System.nanoTime() - t0) / 1e9 : allCounted;
            f.drain(Duration.ofSeconds(30));
            List<CellAggregate> finals = f.finals();
            long counted = finals.stream().mapToLong(s -> s.stats().count()).sum();
            return new Outcome(finals, f.duplicateFinals(), counted, seconds, job);
        }
    }
}

package org.spectralflow.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.spectralflow.job.Defaults;
import org.spectralflow.job.SweepJobConfig;
import org.spectralflow.kafka.EmbeddedKafka;
import org.spectralflow.kafka.SpecPublisher;
import org.spectralflow.kafka.TopicAdmin;
import org.spectralflow.math.Analyzer;
import org.spectralflow.math.CellAccumulator;
import org.spectralflow.model.Activation;
import org.spectralflow.model.Ensemble;
import org.spectralflow.model.Precision;
import org.spectralflow.model.Scaling;
import org.spectralflow.model.Spec;
import org.spectralflow.model.SweepGrid;
import org.spectralflow.run.SweepRunner;

/**
 * What the pipeline costs on top of the numerical core: the same specs through the bare core on
 * two threads, and through Kafka and the sweep job on a 2-slot MiniCluster (specs already in
 * Kafka; timed from job submission to the last final statistic committed), side by side.
 * Both sides are warmed up first on a tenth of the sweep, same N (class loading, JIT). The fixed cost of a job
 * (start-up, the last checkpoint's commit, about 1.2 s here) is amortised only by a long enough
 * sweep: give each size enough trials that the bare core runs for tens of seconds.
 * Usage: PipelineOverhead [N:trials-per-cell ...=32:100 128:100] (six cells per size)
 */
public final class PipelineOverhead {
    public static void main(String[] args) throws Exception {
        String[] runs = args.length > 0 ? args : new String[] {"32:100", "128:100"};
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%5s %9s %14s %14s %7s%n", "N", "matrices", "bare core /s", "pipeline /s", "ratio"));
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            for (String run : runs) {
                int n = Integer.parseInt(run.split(":")[0]), trials = Integer.parseInt(run.split(":")[1]);
                SweepGrid warmUp = grid("overhead-warm-up-" + n, n, Math.max(10, trials / 10)); // same N: same JIT profile
                bareCore(warmUp);
                pipeline(kafka, warmUp, 2);
                SweepGrid g = grid("overhead-" + n, n, trials);
                double bare = bareCore(g);
                double pipeline = pipeline(kafka, g, 2);
                table.append(String.format(Locale.ROOT, "%5d %9d %14.1f %14.1f %7.2f%n", n, g.size(), bare, pipeline, pipeline / bare));
            }
        }
        System.out.print(table);
    }

    static SweepGrid grid(String name, int n, int trials) {
        return new SweepGrid(name, 11L, List.of(Ensemble.GAUSSIAN), List.of(n), Scaling.RADIUS, List.of(0.9, 1.0, 1.1),
                List.of(Activation.LINEAR, Activation.TANH), List.of(Precision.NONE), trials, 100, 1e-6, 1, 0, 1e6, 0.05, false, 1000);
    }

    /**
     * Matrices per second through the sweep job on a MiniCluster with {@code parallelism} slots,
     * specs already in Kafka, from submission to the last final committed.
     */
    static double pipeline(EmbeddedKafka kafka, SweepGrid g, int parallelism) throws Exception {
        return pipeline(kafka, g, parallelism, 0, null);
    }

    /**
     * As {@link #pipeline(EmbeddedKafka, SweepGrid, int)}, with a partial aggregate every
     * {@code partialEvery} trials of a cell (0: the default), telling {@code progress} the committed
     * count as it grows.
     */
    static double pipeline(EmbeddedKafka kafka, SweepGrid g, int parallelism, long partialEvery,
                           java.util.function.LongConsumer progress) throws Exception {
        SweepJobConfig cfg = SweepJobConfig.defaults(kafka.bootstrapServers()).withParallelism(parallelism)
                .withPartialEvery(partialEvery);
        SweepRunner.ensureTopics(cfg, 4);
        Map<Integer, Long> specStart = TopicAdmin.endOffsets(kafka.bootstrapServers(), Map.of(), cfg.specsTopic());
        Map<Integer, Long> statsStart = TopicAdmin.endOffsets(kafka.bootstrapServers(), Map.of(), cfg.statsTopic());
        long published = SpecPublisher.publish(kafka.bootstrapServers(), Map.of(), cfg.specsTopic(), g.specs(), null).records();
        SweepRunner.Outcome o = SweepRunner.runPublished(g.sweep(), published, cfg, specStart, statsStart,
                StreamExecutionEnvironment.createLocalEnvironment(parallelism, Defaults.localFlinkConfiguration()),
                progress == null ? null : p -> progress.accept(p.done()), System.nanoTime());
        long counted = o.finals().stream().mapToLong(s -> s.stats().count()).sum();
        if (counted != g.size()) throw new IllegalStateException("counted " + counted + " of " + g.size());
        return g.size() / o.seconds();
    }

    /** Matrices per second of the core alone, on two threads, accumulating the same cell statistics. */
    static double bareCore(SweepGrid g) throws Exception {
        Map<String, CellAccumulator> cells = new HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        long t0 = System.nanoTime();
        for (Spec s : g.specs())
            pool.submit(() -> {
                var a = Analyzer.forCell(s); // what the job computes without a results topic
                String key = s.cell() + "/" + s.bin(a.spectrum().rho());
                synchronized (cells) {
                    cells.computeIfAbsent(key, k -> new CellAccumulator()).add(a, s.activation());
                }
            });
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        return g.size() / ((System.nanoTime() - t0) / 1e9);
    }
}

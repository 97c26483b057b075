package org.spectralflow.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.spectralflow.job.SweepJob;
import org.spectralflow.job.SweepJobConfig;
import org.spectralflow.job.Topics;
import org.spectralflow.run.JobEnvironments;
import org.spectralflow.run.SweepRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spectralflow sweep-job}: the sweep job alone, for {@code flink run} on a cluster (or a
 * local MiniCluster under {@code java -jar}). Unbounded by default: a service taking sweep after sweep.
 */
@Command(name = "sweep-job", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the sweep job against an external Kafka: sf.specs in; sf.stats, sf.results, sf.dlq out.",
                "Submit with: flink run -c org.spectralflow.cli.JobMain spectralflow-job.jar sweep-job --bootstrap-servers ..."})
final class SweepJobCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--bounded", description = "Stop once the specs present at start are consumed (a one-shot sweep).")
    boolean bounded;

    @Option(names = "--results", description = "Also write every matrix's full analysis to sf.results.")
    boolean results;

    @Option(names = "--parallelism", description = "Job parallelism (default: the cluster's default).")
    Integer parallelism;

    @Option(names = "--group-id", description = "Consumer group of the specs source (default: ${DEFAULT-VALUE}).")
    String groupId = "spectralflow-sweep";

    @Option(names = "--transactional-id-prefix", description = "Prefix of the sink's Kafka transactional ids; unique per job (default: ${DEFAULT-VALUE}).")
    String txPrefix = "spectralflow-sweep";

    @Option(names = "--max-n", description = "Largest N accepted (default: ${DEFAULT-VALUE}).")
    int maxN = org.spectralflow.codec.MatrixCodec.DEFAULT_MAX_N;

    @Option(names = "--checkpoint-interval", description = "Checkpoint interval in ms; results are committed at checkpoints "
            + "(default: the cluster's execution.checkpointing.interval; under java -jar 2000).")
    Long checkpointMs;

    @Option(names = "--partial-every", description = "Emit a partial aggregate every K trials of a cell (default: a tenth of the cell).")
    long partialEvery = 0;

    @Option(names = "--start-offsets", paramLabel = "P:O[,P:O...]",
            description = "Start reading sf.specs at these offsets per partition (e.g. the topic's end before a sweep was "
                    + "published) instead of the consumer group's committed offsets (earliest for a new group).")
    String startOffsets;

    @Option(names = "--spec-partitions", description = "Partitions of sf.specs if this job has to create it (default: ${DEFAULT-VALUE}).")
    int specPartitions = org.spectralflow.job.Defaults.partitions(org.spectralflow.job.Topics.SPECS);

    @Option(names = "--state-dir", description = "Keep checkpoints here and resume from the newest when started again "
            + "(default under java -jar: runs/sweep-job-state; under flink run: the cluster's checkpoint directory).")
    Path stateDir;

    @Option(names = "--cell-ttl", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Drop a cell that received no spec for this long, e.g. 24h or 7d; 0 = never (default: 7d).")
    long cellTtlMs = SweepJobConfig.Guards.DEFAULT_CELL_TTL_MS;

    @Option(names = "--grid", paramLabel = "SWEEP_JSON", description = "A sweep's grid (runs/<sweep>/sweep.json, repeatable): "
            + "that sweep's specs must be exactly the grid's, or they are rejected.")
    List<Path> grids = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        String bootstrap = kafka.servers();
        java.util.Map<String, String> kafkaProps = kafka.clientProperties();
        if (checkpointMs != null) CheckpointOptions.check(checkpointMs);
        if (partialEvery < 0) throw new IllegalArgumentException("--partial-every must not be negative");
        if (cellTtlMs < 0) throw new IllegalArgumentException("--cell-ttl must not be negative");
        if (parallelism != null && parallelism < 1) throw new IllegalArgumentException("--parallelism must be at least 1");
        if (specPartitions < 1) throw new IllegalArgumentException("--spec-partitions must be at least 1");
        java.util.Map<Integer, Long> start = parseOffsets(startOffsets);
        kafka.requireReachable(bootstrap); // options first (misuse, exit 2), then whether Kafka answers (exit 1)
        SweepJobConfig.Guards guards = SweepJobConfig.Guards.defaults();
        SweepJobConfig cfg = SweepJobConfig.defaults(kafka.bootstrapServers)
                .withGuards(new SweepJobConfig.Guards(guards.grids(), guards.maxRecordBytes(), cellTtlMs));
        for (Path g : grids) cfg = cfg.withGrid(readGrid(g));
        StreamExecutionEnvironment env = JobEnvironments.create(stateDir, Path.of("runs", "sweep-job-state"), checkpointMs);
        int p = parallelism != null ? parallelism : env.getParallelism();
        cfg = cfg.withKafka(kafkaProps, maxN, env.getCheckpointConfig().getCheckpointInterval(), txPrefix, groupId)
                .withParallelism(p).withPartialEvery(partialEvery).withResults(results ? Topics.RESULTS : null);
        cfg = SweepRunner.ensureTopics(cfg, specPartitions);
        cfg = bounded ? cfg.withBounded(start) : cfg.withStart(start);
        SweepJob.build(env, cfg);
        env.execute("spectralflow sweep-job");
        return 0;
    }

    private static org.spectralflow.model.SweepGrid readGrid(Path file) {
        try {
            return org.spectralflow.codec.GridCodec.decode(java.nio.file.Files.readAllBytes(file));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--grid: cannot read " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--grid " + file + ": " + e.getMessage());
        }
    }

    static java.util.Map<Integer, Long> parseOffsets(String text) {
        if (text == null || text.isBlank()) return null;
        java.util.Map<Integer, Long> out = new java.util.TreeMap<>();
        for (String part : text.split(",")) {
            String[] po = part.trim().split(":");
            try {
                if (po.length != 2) throw new NumberFormatException();
                out.put(Integer.parseInt(po[0].trim()), Long.parseLong(po[1].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--start-offsets: expected partition:offset pairs, got '" + part + "'");
            }
        }
        return out;
    }
}

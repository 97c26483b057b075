package org.spectralflow.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spectralflow.codec.GridCodec;
import org.spectralflow.job.SweepJobConfig;
import org.spectralflow.kafka.EmbeddedKafka;
import org.spectralflow.math.Spectra;
import org.spectralflow.model.SweepGrid;
import org.spectralflow.report.Report;
import org.spectralflow.report.StatsFiles;
import org.spectralflow.run.SweepRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spectralflow sweep}: a whole sweep in one command, on an embedded broker and a MiniCluster by default. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a parameter sweep end to end and write runs/<sweep>/.",
                "Publishes the grid to sf.specs, runs the sweep job, shows progress, prints a summary and writes",
                "stats.csv, stats.json, sweep.json and report.html.",
                "Without --bootstrap-servers it starts an embedded Kafka broker and a Flink MiniCluster."})
final class SweepCommand implements Callable<Integer> {
    @Mixin
    GridOptions grid;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--parallelism", description = "Flink parallelism (default: the number of cores, ${DEFAULT-VALUE}).")
    int parallelism = Runtime.getRuntime().availableProcessors();

    @Option(names = "--spec-partitions", description = "Partitions of sf.specs when this command creates it (default: ${DEFAULT-VALUE}).")
    int specPartitions = org.spectralflow.job.Defaults.partitions(org.spectralflow.job.Topics.SPECS);

    @Option(names = "--results", description = "Also write every matrix's full analysis to sf.results.")
    boolean results;

    @Option(names = "--out", description = "Directory of run outputs (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("runs");

    @Option(names = "--max-n", description = "Largest N the job accepts (default: ${DEFAULT-VALUE}).")
    int maxN = org.spectralflow.codec.MatrixCodec.DEFAULT_MAX_N;

    @Option(names = "--checkpoint-interval", description = "Checkpoint interval in ms; results become visible at checkpoints (default: ${DEFAULT-VALUE}).")
    long checkpointMs = org.spectralflow.job.Defaults.CHECKPOINT_INTERVAL_MS;

    @Option(names = "--partial-every", description = "Emit a partial aggregate every K trials of a cell (default: a tenth of the cell).")
    long partialEvery = 0;

    @Option(names = "--no-report", description = "Skip report.html and its plots.")
    boolean noReport;

    @Option(names = "--quiet", description = "No progress bar.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        // every option is checked before a broker or a cluster starts
        SweepGrid g = grid.grid();
        if (parallelism < 1) throw new IllegalArgumentException("--parallelism must be at least 1");
        if (specPartitions < 1) throw new IllegalArgumentException("--spec-partitions must be at least 1");
        if (partialEvery < 0) throw new IllegalArgumentException("--partial-every must not be negative");
        CheckpointOptions.check(checkpointMs);
        if (g.largestDenseN() > maxN)
            throw new IllegalArgumentException("--n " + g.largestDenseN() + " is above --max-n " + maxN + " for a dense matrix (a sparse "
                    + "ensemble above --dense-max-n " + g.options().denseMaxN() + " is CSR and may be larger)");
        java.util.Map<String, String> kafkaProps = kafka.clientProperties();
        Path dir = OutputDirs.writable(out.resolve(g.sweep()));
        System.err.printf(Locale.ROOT, "sweep %s: %d cells × %d trials = %d matrices, parallelism %d, eigen-solver %s%n",
                g.sweep(), g.cells(), g.trials(), g.size(), parallelism, Spectra.solver());
        EmbeddedKafka embedded = null;
        try {
            String bootstrap = kafka.bootstrapServers;
            if (bootstrap == null) {
                embedded = EmbeddedKafka.start();
                bootstrap = embedded.bootstrapServers();
                System.err.println("embedded Kafka broker at " + bootstrap);
            } else {
                kafka.requireReachable(bootstrap);
            }
            SweepJobConfig cfg = SweepJobConfig.defaults(bootstrap)
                    .withKafka(kafkaProps, maxN, checkpointMs, "spectralflow-" + g.sweep(), "spectralflow-" + g.sweep())
                    .withParallelism(parallelism).withPartialEvery(partialEvery)
                    .withResults(results ? org.spectralflow.job.Topics.RESULTS : null);
            ProgressBar bar = new ProgressBar(quiet, checkpointMs);
            SweepRunner.Outcome o = SweepRunner.run(g, cfg, null, specPartitions, bar::show, bar.console());
            bar.finish();
            StatsFiles.write(dir, o.finals());
            java.nio.file.Files.writeString(dir.resolve("sweep.json"), org.spectralflow.codec.Json.pretty(GridCodec.encode(g)) + "\n");
            if (!noReport) Report.write(dir, o.finals(), g);
            System.out.print(StatsFiles.table(o.finals()));
            long counted = o.finals().stream().mapToLong(s -> s.stats().count()).sum();
            double first = bar.firstResultAt();
            // the start-up (broker, cluster, job, first checkpoint) against the rest: a small sweep is mostly the former
            String split = Double.isNaN(first) || first > o.seconds() ? ""
                    : o.seconds() - first < 0.05 ? String.format(Locale.ROOT, "; all committed at once, at %.1f s", first)
                    : String.format(Locale.ROOT, "; first results committed at %.1f s, the rest over %.1f s", first, o.seconds() - first);
            System.out.printf(Locale.ROOT, "%d matrices in %.1f s (%.1f/s%s); %d rejected (see sf.dlq); wrote %s%n",
                    counted, o.seconds(), counted / o.seconds(), split, o.published() - counted,
                    dir.resolve(noReport ? "stats.csv" : "report.html"));
            return counted == o.published() ? 0 : Main.EXIT_REJECTED;
        } finally {
            if (embedded != null) embedded.close();
        }
    }

    /**
     * A one-line progress bar on stderr: matrices done / total, rate and time left from
     * {@link org.spectralflow.run.ProgressEstimate} (counts arrive at checkpoints; before the first,
     * it says what it is waiting for).
     */
    static final class ProgressBar {
        private final boolean quiet;
        private final boolean terminal = System.console() != null;
        private final org.spectralflow.run.ProgressEstimate estimate = new org.spectralflow.run.ProgressEstimate(15);
        private final long checkpointMs;
        private long lastPrint = System.currentTimeMillis();

        ProgressBar(boolean quiet, long checkpointMs) {
            this.quiet = quiet;
            this.checkpointMs = checkpointMs;
        }

        /** When the first result was committed (the run's fixed cost), NaN if none was. */
        double firstResultAt() {
            return estimate.firstResultAt();
        }

        void show(SweepRunner.Progress p) {
            estimate.observe(p.elapsedSeconds(), p.done());
            if (quiet) return;
            long now = System.currentTimeMillis();
            if (now - lastPrint < (terminal ? 200 : 5_000)) return;
            lastPrint = now;
            String line;
            if (p.done() == 0) {
                line = String.format(Locale.ROOT, "starting (%.1f s): broker, cluster and job up; results are committed every %.1f s",
                        p.elapsedSeconds(), checkpointMs / 1000.0);
            } else {
                int width = 30, filled = (int) (width * p.done() / Math.max(1, p.total()));
                double rate = estimate.rate(), left = estimate.secondsLeft(p.elapsedSeconds(), p.total());
                line = String.format(Locale.ROOT, "[%s%s] %d/%d matrices  %s  ETA %s", "#".repeat(filled), ".".repeat(width - filled),
                        p.done(), p.total(), Double.isNaN(rate) ? "measuring rate" : String.format(Locale.ROOT, "%.1f/s", rate),
                        Double.isNaN(left) ? "?" : String.format(Locale.ROOT, "%.0fs", left));
            }
            System.err.print((terminal ? "\r\033[K" : "") + line + (terminal ? "" : "\n"));
        }

        /** Where rejection lines go: the same stream, after ending the bar's line. */
        java.io.PrintStream console() {
            return new java.io.PrintStream(new java.io.OutputStream() {
                private boolean lineStart = true;

                @Override
                public void write(int b) {
                    if (lineStart && terminal && !quiet) System.err.print("\r\033[K");
                    System.err.write(b);
                    lineStart = b == '\n';
                }

                @Override
                public void flush() {
                    System.err.flush();
                }
            }, true);
        }

        void finish() {
            if (!quiet && terminal) System.err.println();
        }
    }
}

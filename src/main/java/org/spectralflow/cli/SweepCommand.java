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
import org.spectralflow.run.LocalFlink;
import org.spectralflow.run.SweepRunner;
import org.spectralflow.service.ServiceClient;
import org.spectralflow.service.ServiceContext;
import org.spectralflow.codec.ServiceWire;
import java.util.List;
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

    @Option(names = "--no-service", description = "Run in this process even when the local service (`spectralflow up`) runs.")
    boolean noService;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        long t0 = System.nanoTime();
        ServiceContext.Current service = ServiceContext.current(); // non-null: this runs inside the local service
        if (service == null && kafka.bootstrapServers == null && !noService) {
            ServiceWire.State up = ServiceClient.find();
            // the command line as given ("sweep" and its options), run there as it would be here
            if (up != null) return onService(up, spec.commandLine().getParseResult().originalArgs());
        }
        // JVM start to here (none in the warm service; from the first JVM's start in a relaunched one)
        Long launched = Long.getLong(FastStart.LAUNCHED);
        double jvm = service != null ? 0 : launched != null ? (System.currentTimeMillis() - launched) / 1000.0
                : java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0;
        if (service != null && !out.isAbsolute()) out = service.cwd().resolve(out);
        if (service != null && parallelism > service.slots())
            throw new IllegalArgumentException("--parallelism " + parallelism + " is more than the local service's " + service.slots()
                    + " slots (`spectralflow down`, then `up --slots " + parallelism + "`, or --no-service)");
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
        if (service == null) { // the options are good: run them in a JVM started for speed, where one applies
            int code = FastStart.relaunch(spec.commandLine().getParseResult().originalArgs(), littleWork(g));
            if (code >= 0) return code;
        }
        System.err.printf(Locale.ROOT, "sweep %s: %d cells × %d trials = %d matrices, parallelism %d, eigen-solver %s%n",
                g.sweep(), g.cells(), g.trials(), g.size(), parallelism, Spectra.solver());
        EmbeddedKafka embedded = null;
        // the MiniCluster starts while the broker does (it needs nothing from it until the job is submitted)
        LocalFlink flink = service != null ? service.flink() : LocalFlink.start(parallelism);
        try {
            String bootstrap = service != null ? service.bootstrap() : kafka.bootstrapServers;
            if (service != null) {
                // the service's own broker: up, and its topics made by the sweeps before
            } else if (bootstrap == null) {
                embedded = EmbeddedKafka.start();
                bootstrap = embedded.bootstrapServers();
                System.err.printf(Locale.ROOT, "embedded Kafka broker at %s (%.1f s)%n", bootstrap, (System.nanoTime() - t0) / 1e9);
            } else {
                kafka.requireReachable(bootstrap);
            }
            SweepJobConfig cfg = SweepJobConfig.defaults(bootstrap)
                    .withKafka(kafkaProps, maxN, checkpointMs, "spectralflow-" + g.sweep(), "spectralflow-" + g.sweep())
                    .withParallelism(parallelism).withPartialEvery(partialEvery)
                    .withResults(results ? org.spectralflow.job.Topics.RESULTS : null);
            ProgressBar bar = new ProgressBar(quiet, service != null ? service.terminal() : System.console() != null);
            // in the service, on the job it keeps deployed; else on a job of this sweep's own
            SweepRunner.Outcome o = service != null
                    ? SweepRunner.runStanding(g, cfg, flink, service.standing(), specPartitions, grid.blockTrials, bar::show, bar.console(), t0)
                    : SweepRunner.run(g, cfg, null, flink, specPartitions, grid.blockTrials, bar::show, bar.console(), t0);
            bar.finish();
            StatsFiles.write(dir, o.finals());
            java.nio.file.Files.writeString(dir.resolve("sweep.json"), org.spectralflow.codec.Json.pretty(GridCodec.encode(g)) + "\n");
            if (!noReport) Report.write(dir, o.finals(), g);
            double wall = (System.nanoTime() - t0) / 1e9 + jvm;
            System.out.print(StatsFiles.table(o.finals()));
            long counted = o.finals().stream().mapToLong(s -> s.stats().count()).sum();
            System.out.printf(Locale.ROOT, "%d matrices in %.1f s (%.3g/s); %d rejected (see sf.dlq); wrote %s%n",
                    counted, o.seconds(), counted / o.seconds(), o.published() - counted,
                    dir.resolve(noReport ? "stats.csv" : "report.html"));
            System.out.println(timeSplit(o.timeline(), jvm, wall));
            SweepRunner.Traffic t = o.traffic();
            StringBuilder edges = new StringBuilder();
            for (int i = 0; i < org.spectralflow.job.JobCounters.EDGES.size(); i++)
                edges.append(String.format(Locale.ROOT, "%s %d %s (%s)", i == 0 ? "" : ",", t.shuffleRecords()[i],
                        org.spectralflow.job.JobCounters.EDGES.get(i), bytes(t.shuffleBytes()[i])));
            if (java.util.Arrays.stream(t.shuffleRecords()).anyMatch(r -> r < 0)) // the standing job's counters span its sweeps
                System.out.printf(Locale.ROOT, "traffic: %d spec records (%s) for %d trials; shuffle not counted (the service's standing job)%n",
                        t.specRecords(), bytes(t.specBytes()), o.published());
            else System.out.printf(Locale.ROOT, "traffic: %d spec records (%s) for %d trials; shuffle %d records (%s):%s%n", t.specRecords(),
                    bytes(t.specBytes()), o.published(), t.totalShuffleRecords(), bytes(t.totalShuffleBytes()), edges);
            return counted == o.published() ? 0 : Main.EXIT_REJECTED;
        } finally {
            // both at once: each spends most of its close waiting on its own threads
            Thread broker = null;
            if (embedded != null) {
                EmbeddedKafka k = embedded;
                broker = new Thread(k::close, "spectralflow-broker-close");
                broker.start();
            }
            if (service == null) flink.close();
            if (broker != null) broker.join();
        }
    }

    /**
     * Work below which a sweep runs on C1 alone ({@link FastStart}): Σ n²(n + T) over its dense
     * matrices, the eigen-decomposition and the T propagation steps. Measured cold at N = 64, T = 100
     * (2026-12-04, one run each): C1 alone 12.3 s against 13.2 s at 2 400 matrices (1.6e9), 29.9 s
     * against 25.3 s at 12 000 (8.1e9); the default sweep (4.8e7) 6.3–6.9 s against 8.6–10.6 s.
     */
    static final double LITTLE_WORK = 2.5e9;

    static boolean littleWork(SweepGrid g) {
        if (g.precisions().stream().anyMatch(p -> p != org.spectralflow.model.Precision.NONE) || g.options().esp()
                || g.options().lyapunovK() > 0 || g.largestDenseN() < java.util.Collections.max(g.sizes())) return false;
        double work = 0;
        for (int n : g.sizes()) work += (double) n * n * (n + g.steps());
        return work * (g.size() / g.sizes().size()) < LITTLE_WORK;
    }

    /**
     * {@code sweep ARGS} handed to the local service before the command line is even built (what
     * {@link #call} would do, less the 0.3 s of building it in a fresh JVM), or null where it runs
     * here: no service up, or {@code --no-service}, {@code --bootstrap-servers} or help asked for.
     * The service checks the options, as it does for every sweep handed to it.
     */
    static Integer onServiceAtOnce(String[] args) {
        if (args.length == 0 || !args[0].equals("sweep") || ServiceContext.current() != null) return null;
        for (String a : args)
            if (a.equals("--no-service") || a.startsWith("--bootstrap-servers") || a.equals("-h") || a.equals("--help") || a.equals("-V")
                    || a.equals("--version")) return null;
        ServiceWire.State up = ServiceClient.find();
        if (up == null) return null;
        try {
            return onService(up, List.of(args));
        } catch (java.io.IOException e) {
            System.err.println("spectralflow sweep: " + e.getMessage());
            return Main.EXIT_FAILED;
        }
    }

    private static int onService(ServiceWire.State up, List<String> args) throws java.io.IOException {
        System.err.println("on the local service (pid " + up.pid() + "; --no-service runs in this process)");
        return ServiceClient.run(up, Path.of(""), System.console() != null, args, System.out, System.err);
    }

    private static String bytes(long b) {
        if (b < 0) return "unknown";
        return b < 10_000 ? b + " B" : b < 10_000_000 ? String.format(Locale.ROOT, "%.1f kB", b / 1e3)
                : String.format(Locale.ROOT, "%.1f MB", b / 1e6);
    }

    /**
     * Where the time went: the fixed cost (JVM, broker, topics and publishing, cluster and job
     * start) before the first matrix was analysed, the analysis, the wait for the last commit, and
     * what came after (reading the finals, writing files and the report).
     */
    static String timeSplit(SweepRunner.Timeline t, double jvm, double wall) {
        return String.format(Locale.ROOT, "time: %.1f s wall = start-up %.1f s (JVM %.1f, broker and publishing %.1f, cluster and job %.1f)"
                        + " + analysis %.1f s + last commit %.1f s + job end %.1f s + files and report %.1f s",
                wall, jvm + t.firstProcessed(), jvm, t.published(), t.firstProcessed() - t.published(),
                t.allProcessed() - t.firstProcessed(), t.allCommitted() - t.allProcessed(), t.jobEnded() - t.allCommitted(),
                wall - jvm - t.jobEnded());
    }

    /**
     * A one-line progress bar on stderr: before the first matrix, what the run is waiting for;
     * then matrices analysed (the job's live counters) and committed out of the total, the rate and
     * the time left from {@link org.spectralflow.run.ProgressEstimate} over the analysed counts.
     */
    static final class ProgressBar {
        private final boolean quiet;
        private final boolean terminal;
        private final org.spectralflow.run.ProgressEstimate estimate = new org.spectralflow.run.ProgressEstimate(10);
        private long lastPrint = 0;
        private String lastPhase = "";

        ProgressBar(boolean quiet, boolean terminal) {
            this.quiet = quiet;
            this.terminal = terminal;
        }

        void show(SweepRunner.Progress p) {
            estimate.observe(p.elapsedSeconds(), p.processed());
            if (quiet) return;
            long now = System.currentTimeMillis();
            boolean phaseChanged = !p.phase().equals(lastPhase);
            if (!phaseChanged && now - lastPrint < (terminal ? 200 : 5_000)) return;
            lastPrint = now;
            lastPhase = p.phase();
            String line;
            if (p.processed() == 0) {
                line = String.format(Locale.ROOT, "starting (%.1f s): %s", p.elapsedSeconds(), p.phase());
            } else {
                int width = 30, filled = (int) (width * p.processed() / Math.max(1, p.total()));
                double rate = estimate.rate(), left = estimate.secondsLeft(p.elapsedSeconds(), p.total());
                line = String.format(Locale.ROOT, "[%s%s] %d/%d analysed, %d committed  %s  %s", "#".repeat(filled),
                        ".".repeat(width - filled), p.processed(), p.total(), p.done(),
                        Double.isNaN(rate) ? "measuring rate" : rate(rate),
                        p.processed() >= p.total() ? p.phase()
                                : !Double.isNaN(left) ? String.format(Locale.ROOT, "ETA %.0fs", Math.ceil(left))
                                : Double.isNaN(rate) ? "ETA ?"
                                : String.format(Locale.ROOT, "ETA ? (slower than before: nothing finished for %.0f s)",
                                        estimate.secondsSinceChange(p.elapsedSeconds())));
            }
            System.err.print((terminal ? "\r\033[K" : "") + line + (terminal ? "" : "\n"));
        }

        /** Matrices a second to three digits (0.00667/s for one every 150 s), never a bare 0.0/s. */
        static String rate(double perSecond) {
            return perSecond >= 100 ? String.format(Locale.ROOT, "%.0f/s", perSecond)
                    : String.format(Locale.ROOT, "%.3g/s", perSecond);
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

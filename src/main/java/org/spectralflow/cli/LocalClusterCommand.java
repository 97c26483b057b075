package org.spectralflow.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.spectralflow.codec.GridCodec;
import org.spectralflow.codec.Json;
import org.spectralflow.deploy.ClusterSweep;
import org.spectralflow.deploy.LocalCluster;
import org.spectralflow.model.SweepGrid;
import org.spectralflow.report.Report;
import org.spectralflow.report.StatsFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code spectralflow local-cluster}: the cluster path without Docker. Starts a Kafka broker, a
 * JobManager and TaskManagers as separate processes on loopback, submits the sweep job over REST,
 * collects the results, and stops everything it started.
 */
@Command(name = "local-cluster", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a sweep on a real multi-process Kafka + Flink cluster on this machine.",
                "The Kafka broker, JobManager and TaskManagers are separate JVMs from Maven jars, configured by flink-conf/;",
                "the job is submitted over REST.",
                "Prepare with: cluster/local-cluster.sh (builds the jars and the cluster classpath), or see the README."})
final class LocalClusterCommand implements Callable<Integer> {
    @Mixin
    GridOptions grid;

    @Option(names = "--taskmanagers", description = "TaskManager processes (default: ${DEFAULT-VALUE}).")
    int taskManagers = 2;

    @Option(names = "--slots", description = "Task slots per TaskManager (default: ${DEFAULT-VALUE}).")
    int slots = 1;

    @Option(names = "--parallelism", description = "Job parallelism (default: TaskManagers × slots).")
    Integer parallelism;

    @Option(names = "--job-jar", description = "The job jar (default: ${DEFAULT-VALUE}).")
    Path jobJar = Path.of("target/spectralflow-job.jar");

    @Option(names = "--spectralflow-jar", description = "The full jar, for the broker process (default: ${DEFAULT-VALUE}).")
    Path fullJar = Path.of("target/spectralflow.jar");

    @Option(names = "--cluster-classpath", description = "File with Flink's classpath (default: ${DEFAULT-VALUE}).")
    Path classpathFile = Path.of("target/cluster.classpath");

    @Option(names = "--flink-conf", description = "Flink configuration directory (default: ${DEFAULT-VALUE}).")
    Path flinkConf = Path.of("flink-conf");

    @Option(names = "--work", description = "Where logs and checkpoints go (default: ${DEFAULT-VALUE}).")
    Path work = Path.of("target/local-cluster");

    @Option(names = "--out", description = "Directory of run outputs (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("runs");

    @Override
    public Integer call() throws Exception {
        for (Path p : new Path[] {jobJar, fullJar, classpathFile, flinkConf.resolve("config.yaml")})
            if (!Files.exists(p)) throw new IllegalArgumentException(p + " not found: run cluster/local-cluster.sh, or see the README");
        SweepGrid g = grid.grid();
        int p = parallelism != null ? parallelism : taskManagers * slots;
        java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();
        try (LocalCluster c = new LocalCluster(work, flinkConf, LocalCluster.classpath(classpathFile), fullJar.toString(), slots)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                interrupted.set(true);
                c.close();
            }));
            String bootstrap = c.startKafka();
            c.startJobManager();
            for (int i = 0; i < taskManagers; i++) c.startTaskManager();
            c.awaitTaskManagers(taskManagers, 120_000);
            System.err.printf(Locale.ROOT, "cluster up: Kafka %s, Flink REST %s, %d TaskManagers × %d slots (logs in %s)%n",
                    bootstrap, c.restUrl(), taskManagers, slots, work);
            long total = g.size();
            long[] lastPrint = {System.nanoTime()};
            ClusterSweep.Outcome o;
            try {
                o = ClusterSweep.run(c, jobJar, g, p, done -> {
                    if (System.nanoTime() - lastPrint[0] < 5_000_000_000L) return;
                    lastPrint[0] = System.nanoTime();
                    System.err.printf(Locale.ROOT, "%d/%d matrices committed%n", done, total);
                });
            } catch (Exception e) {
                if (!interrupted.get()) throw e;
                System.err.println("interrupted: the cluster's processes are stopped");
                return 130;
            }
            Path dir = out.resolve(g.sweep());
            StatsFiles.write(dir, o.finals());
            Files.writeString(dir.resolve("sweep.json"), Json.pretty(GridCodec.encode(g)) + "\n");
            Report.write(dir, o.finals(), g);
            System.out.print(StatsFiles.table(o.finals()));
            System.out.printf(Locale.ROOT, "%d matrices in %.1f s (%.3g/s) on the cluster at parallelism %d; wrote %s%n",
                    o.counted(), o.seconds(), o.counted() / o.seconds(), p, dir.resolve("report.html"));
            return 0;
        }
    }
}

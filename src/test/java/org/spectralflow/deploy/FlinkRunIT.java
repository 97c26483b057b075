package org.spectralflow.deploy;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.spectralflow.job.SweepJobConfig;
import org.spectralflow.kafka.SpecPublisher;
import org.spectralflow.kafka.StatsFollower;
import org.spectralflow.kafka.TopicAdmin;
import org.spectralflow.math.Analyzer;
import org.spectralflow.math.CellAccumulator;
import org.spectralflow.model.Activation;
import org.spectralflow.model.CellAggregate;
import org.spectralflow.model.CellStats;
import org.spectralflow.model.Ensemble;
import org.spectralflow.model.Precision;
import org.spectralflow.model.Scaling;
import org.spectralflow.model.Spec;
import org.spectralflow.model.SweepGrid;
import org.spectralflow.run.SweepRunner;

/**
 * The sweep job as operators run it, through Flink's own command-line front end (CliFrontend, what
 * the {@code flink} script runs, with FLINK_CONF_DIR): {@code run -d}, {@code list}, {@code stop
 * --savepointPath} at a quarter of the sweep, {@code run -s} from that savepoint at parallelism 1, a second stop at half, and
 * {@code run -s} back at parallelism 2 from a repacked jar, and {@code cancel} once every final is in. The finals must
 * equal an uninterrupted computation, with every trial counted once and no duplicate final.
 */
class FlinkRunIT {
    record Cli(int code, String out) {}

    /** The JVM options the flink script gives every Flink JVM, the client's too (env.java.opts.all of flink-conf). */
    static List<String> jvmOptions() {
        String opts = org.apache.flink.configuration.GlobalConfiguration.loadConfiguration("flink-conf")
                .get(org.apache.flink.configuration.CoreOptions.FLINK_JVM_OPTIONS);
        return opts == null || opts.isBlank() ? List.of() : List.of(opts.trim().split("\\s+"));
    }

    static Cli flink(String classpath, Path conf, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        cmd.addAll(jvmOptions());
        cmd.addAll(List.of("-cp", classpath, "org.apache.flink.client.cli.CliFrontend"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("FLINK_CONF_DIR", conf.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(3, TimeUnit.MINUTES), "flink " + String.join(" ", args));
        return new Cli(p.exitValue(), out);
    }

    static String jobId(String text) {
        Matcher m = Pattern.compile("\\b([0-9a-f]{32})\\b").matcher(text);
        assertTrue(m.find(), "a job id in: " + text);
        return m.group(1);
    }

    static String savepoint(String text) {
        Matcher m = Pattern.compile("Savepoint completed\\. Path: (\\S+)").matcher(text);
        assertTrue(m.find(), "a savepoint path in: " + text);
        return m.group(1);
    }

    @Test
    void stopWithSavepointAndResumeAtAnotherParallelismLosesNothing() throws Exception {
        Path target = Path.of("target").toAbsolutePath();
        Path jobJar = Path.of(System.getProperty("spectralflow.jobJar", "target/spectralflow-job.jar")).toAbsolutePath();
        String fullJar = System.getProperty("spectralflow.fullJar", "target/spectralflow.jar");
        String classpath = FaultToleranceIT.clusterClasspath(target);
        // T = 2000: long enough that the counts the test sees, which move only at committed checkpoints, pass a quarter
        // and a half well before the end
        SweepGrid g = new SweepGrid("fr", 7L, List.of(Ensemble.GAUSSIAN), List.of(64), Scaling.RADIUS, List.of(0.9, 1.0, 1.1),
                List.of(Activation.LINEAR, Activation.TANH), List.of(Precision.NONE), 500, 2000, 1e-6, 1, 0, 1e6, 0.05, false, 1_000);
        long total = g.size();
        List<CellAggregate> finals;
        List<String> duplicates;
        try (LocalCluster c = new LocalCluster(target.resolve("flink-run-cluster"), Path.of("flink-conf"), classpath, fullJar, 1)) {
            String bootstrap = c.startKafka();
            c.startJobManager();
            c.startTaskManager();
            c.startTaskManager();
            c.awaitTaskManagers(2, 120_000);
            Path conf = Files.createDirectories(target.resolve("flink-run-cluster/client-conf"));
            String rest = c.restUrl();
            // flink run gives the job the checkpoint options of the client's configuration: an operator's client reads the
            // cluster's config.yaml; this one says where the REST endpoint is and what flink-conf/ says of checkpoints
            Files.writeString(conf.resolve("config.yaml"), "rest.address: localhost\nrest.port: " + rest.substring(rest.lastIndexOf(':') + 1)
                    + "\nexecution.checkpointing.unaligned.enabled: true\n");
            Path savepoints = Files.createDirectories(target.resolve("flink-run-cluster/savepoints"));

            SweepJobConfig cfg = SweepJobConfig.defaults(bootstrap);
            SweepRunner.ensureTopics(cfg, 4);
            Map<Integer, Long> statsStart = TopicAdmin.endOffsets(bootstrap, Map.of(), cfg.statsTopic());
            SpecPublisher.publish(bootstrap, Map.of(), cfg.specsTopic(), g.specs(), null);
            String[] jobArgs = {"-c", "org.spectralflow.cli.JobMain", jobJar.toString(), "sweep-job", "--bootstrap-servers", bootstrap,
                    "--checkpoint-interval", "1000", "--transactional-id-prefix", "sf-fr", "--group-id", "sf-fr"};

            Cli run = flink(classpath, conf, concat(new String[] {"run", "-d", "-p", "2"}, jobArgs));
            assertEquals(0, run.code(), run.out());
            String job = jobId(run.out());
            Cli list = flink(classpath, conf, "list");
            assertTrue(list.out().contains(job) && list.out().contains("RUNNING"), list.out());

            try (StatsFollower f = new StatsFollower(bootstrap, Map.of(), cfg.statsTopic(), g.sweep(), statsStart)) {
                int[] parallelism = {1, 2};
                for (int stop = 0; stop < 2; stop++) {
                    long at = total * (stop + 1) / 4; // a quarter, then a half: well before the end at any pace
                    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                    while (f.done() < at && System.nanoTime() < deadline) f.poll(Duration.ofMillis(100));
                    assertTrue(f.done() < total, "stopped mid-sweep (" + f.done() + " of " + total + ")");
                    // as an operator would: a stop asked while a task is (re)starting is refused, and asked again
                    Cli stopped = null;
                    for (int attempt = 0; attempt < 5; attempt++) {
                        stopped = flink(classpath, conf, "stop", "--savepointPath", savepoints.toUri().toString(), job);
                        if (stopped.code() == 0 || !stopped.out().contains("Not all required tasks are currently running")) break;
                        Thread.sleep(2000);
                    }
                    assertEquals(0, stopped.code(), stopped.out());
                    String path = savepoint(stopped.out());
                    System.err.printf("stopped %s with a savepoint at %d/%d trials; resuming at parallelism %d%n", job, f.done(), total,
                            parallelism[stop]);
                    // the second resume runs a repacked jar (other bytes, other timestamps, the same classes), as after a rebuild
                    String[] args = stop == 0 ? jobArgs : withJar(jobArgs, repack(jobJar, target.resolve("flink-run-cluster/rebuilt-job.jar")));
                    Cli resumed = flink(classpath, conf, concat(new String[] {"run", "-d", "-s", path, "-p", String.valueOf(parallelism[stop])},
                            args));
                    assertEquals(0, resumed.code(), resumed.out());
                    job = jobId(resumed.out());
                }
                // unbounded, as on a cluster: a bounded KafkaSource restored from a savepoint never finishes
                // (FLINK-31006, open in flink-connector-kafka), so the job runs on and is cancelled once every final is in
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(8);
                while ((f.done() < total || f.finals().size() < g.cells()) && System.nanoTime() < deadline) f.poll(Duration.ofMillis(200));
                f.drain(Duration.ofSeconds(10));
                finals = f.finals();
                duplicates = f.duplicateFinals();
                assertEquals("RUNNING", c.rest().state(job));
                Cli cancel = flink(classpath, conf, "cancel", job);
                assertEquals(0, cancel.code(), cancel.out());
            }
        }
        assertTrue(duplicates.isEmpty(), "no duplicate final: " + duplicates);
        assertEquals(g.cells(), finals.size(), "one final per cell");
        assertEquals(total, finals.stream().mapToLong(r -> r.stats().count()).sum(), "every trial counted exactly once");
        Map<String, CellAccumulator> clean = new HashMap<>();
        for (Spec s : g.specs()) {
            var a = Analyzer.forCell(s); // what the job computes without a results topic
            clean.computeIfAbsent(s.sweep() + "/" + s.cell() + "/" + s.bin(a.spectrum().rho()), k -> new CellAccumulator()).add(a, s.activation());
        }
        for (CellAggregate r : finals) {
            CellStats want = clean.get(r.key().kafkaKey()).stats(), got = r.stats();
            assertEquals(want.count(), got.count());
            assertEquals(want.exploded(), got.exploded());
            assertEquals(want.gammaMean(), got.gammaMean(), 0, "exact sums: identical whatever the parallelism and restarts");
            assertEquals(want.gammaP50(), got.gammaP50(), 0);
            assertEquals(want.rhoMean(), got.rhoMean(), 0);
        }
    }

    /** The jar's entries written into a new jar with fresh timestamps: a different file holding the same classes. */
    static Path repack(Path jar, Path out) throws Exception {
        try (var in = new java.util.zip.ZipFile(jar.toFile());
             var zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(out))) {
            var entries = java.util.Collections.list(in.entries());
            java.util.Collections.reverse(entries); // another order too (the manifest stays first)
            entries.sort((a, b) -> Boolean.compare(!a.getName().startsWith("META-INF/MANIFEST"), !b.getName().startsWith("META-INF/MANIFEST")));
            for (var e : entries) {
                zip.putNextEntry(new java.util.zip.ZipEntry(e.getName()));
                try (var data = in.getInputStream(e)) {
                    data.transferTo(zip);
                }
                zip.closeEntry();
            }
        }
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(jar), Files.readAllBytes(out)), "a different file");
        return out;
    }

    static String[] withJar(String[] args, Path jar) {
        String[] out = args.clone();
        out[2] = jar.toString(); // "-c", main class, jar, ...
        return out;
    }

    static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}

package org.spectralflow.deploy;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
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

/**
 * A sweep on a real multi-process cluster (Kafka broker, JobManager, two TaskManagers, each its
 * own JVM) survives two TaskManagers killed with SIGKILL at different points: the final
 * statistics equal a clean computation, one final per cell, no duplicate on sf.stats.
 */
class FaultToleranceIT {

    static String clusterClasspath(Path target) throws Exception {
        Path file = target.resolve("cluster.classpath");
        Process p = new ProcessBuilder("mvn", "-q", "-B", "-ntp", "-f", "cluster/pom.xml", "dependency:build-classpath",
                "-Dmdep.outputFile=" + file.toAbsolutePath()).inheritIO().start();
        assertEquals(0, p.waitFor(), "mvn -f cluster/pom.xml dependency:build-classpath");
        return LocalCluster.classpath(file);
    }

    @Test
    void killedTaskManagersCostTimeNeverAResult() throws Exception {
        Path target = Path.of("target");
        Path jobJar = Path.of(System.getProperty("spectralflow.jobJar", "target/spectralflow-job.jar"));
        String fullJar = System.getProperty("spectralflow.fullJar", "target/spectralflow.jar");
        assertTrue(Files.exists(jobJar), "the job jar is built before integration tests: " + jobJar);
        SweepGrid g = new SweepGrid("ft", 99L, List.of(Ensemble.GAUSSIAN), List.of(96), Scaling.RADIUS,
                List.of(0.9, 0.95, 1.0, 1.05, 1.1), List.of(Activation.LINEAR, Activation.TANH), List.of(Precision.NONE), 200, 300,
                1e-6, 1, 0, 1e6, 0.05, false, 1_000);
        long total = g.size();
        AtomicInteger kills = new AtomicInteger();
        ClusterSweep.Outcome out;
        try (LocalCluster c = new LocalCluster(target.resolve("ft-cluster"), Path.of("flink-conf"), clusterClasspath(target), fullJar, 1)) {
            c.startKafka();
            c.startJobManager();
            c.startTaskManager();
            c.startTaskManager();
            c.awaitTaskManagers(2, 120_000);
            java.util.Set<LocalCluster.Proc> gone = new java.util.HashSet<>(); // killed by us, or replaced after exiting
            out = ClusterSweep.run(c, jobJar, g, 2, done -> {
                try {
                    // as an operator's supervisor would: a TaskManager that exited on its own is replaced. Flink 2.2.1's
                    // survivor of a kill can exit on a fatal error while cancelling its tasks (seen in CI: BufferManager.recycle
                    // rethrew the dead peer's RemoteTransportException from a task's clean-up), which left one slot of two
                    for (LocalCluster.Proc tm : List.copyOf(c.taskManagers()))
                        if (!tm.process().isAlive() && gone.add(tm)) {
                            c.startTaskManager();
                            System.err.printf("%s (pid %d) exited on its own (see %s); started a replacement%n", tm.name(), tm.pid(), tm.log());
                        }
                    int k = kills.get();
                    if ((k == 0 && done >= total / 4) || (k == 1 && done >= total * 3 / 5)) {
                        // the first original TaskManager, then the next one still alive
                        LocalCluster.Proc victim = c.taskManagers().stream().filter(tm -> !gone.contains(tm) && tm.process().isAlive())
                                .findFirst().orElseThrow();
                        gone.add(victim);
                        c.kill(victim);
                        kills.incrementAndGet();
                        c.startTaskManager();
                        System.err.printf("killed %s (pid %d) at %d/%d trials; started a replacement%n", victim.name(), victim.pid(), done, total);
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            assertEquals(2, kills.get(), "both kills happened while the job ran");
            assertTrue(c.rest().restarts(out.jobId()) >= 2, "the job failed over at least twice");
        }

        assertTrue(out.duplicateFinals().isEmpty(), "no duplicate final: " + out.duplicateFinals());
        assertEquals(g.cells(), out.finals().size(), "one final per cell");
        assertEquals(total, out.counted(), "every trial counted exactly once");

        Map<String, CellAccumulator> clean = new HashMap<>();
        List<Spec> specs = new java.util.ArrayList<>();
        g.specs().forEach(specs::add);
        Map<String, CellAccumulator> sync = java.util.Collections.synchronizedMap(clean);
        specs.parallelStream().forEach(s -> {
            var a = Analyzer.forCell(s); // what the job computes without a results topic
            CellAccumulator acc = sync.computeIfAbsent(s.sweep() + "/" + s.cell() + "/" + s.bin(a.spectrum().rho()), k -> new CellAccumulator());
            synchronized (acc) {
                acc.add(a, s.activation());
            }
        });
        for (CellAggregate r : out.finals()) {
            CellStats want = clean.get(r.key().kafkaKey()).stats(), got = r.stats();
            assertEquals(want.count(), got.count());
            assertEquals(want.exploded(), got.exploded());
            assertEquals(want.vanished(), got.vanished());
            assertEquals(want.stable(), got.stable());
            for (double[] pair : new double[][] {{want.gammaMean(), got.gammaMean()}, {want.gammaSd(), got.gammaSd()},
                    {want.rhoMean(), got.rhoMean()}, {want.sigma1Mean(), got.sigma1Mean()}, {want.lyapunovMean(), got.lyapunovMean()},
                    {want.gammaP50(), got.gammaP50()}})
                assertEquals(pair[0], pair[1], 1e-12 * Math.abs(pair[0]), r.key().kafkaKey());
        }
    }
}

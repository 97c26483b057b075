package org.spectralflow.deploy;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spectralflow.codec.StatsCodec;
import org.spectralflow.kafka.EmbeddedKafka;
import org.spectralflow.kafka.SpecPublisher;
import org.spectralflow.kafka.TopicAdmin;
import org.spectralflow.kafka.WeightsPublisher;
import org.spectralflow.math.Analyzer;
import org.spectralflow.math.CellAccumulator;
import org.spectralflow.math.MatrixGenerator;
import org.spectralflow.model.Activation;
import org.spectralflow.model.CellAggregate;
import org.spectralflow.model.CellStats;
import org.spectralflow.model.Ensemble;
import org.spectralflow.model.MatrixRecipe;
import org.spectralflow.model.Precision;
import org.spectralflow.model.Scaling;
import org.spectralflow.model.Spec;
import org.spectralflow.model.SweepGrid;
import org.spectralflow.model.Weights;

/**
 * The user-facing jobs as their own processes ({@code java -jar spectralflow.jar sweep-job} and
 * {@code monitor --bootstrap-servers}), killed with {@code kill -9} by pid mid-run and started
 * again with the same state directory: the committed output (read_committed) equals a clean run,
 * with no duplicate and no partial count going backwards.
 */
class ProcessKillIT {
    static EmbeddedKafka kafka;

    @TempDir
    static Path dir;

    @BeforeAll
    static void broker() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stop() {
        kafka.close();
    }

    static Process start(Path log, String... args) throws Exception {
        return start(log, dir.resolve("tmp"), args);
    }

    /** java -jar spectralflow.jar ARGS, with its own temporary directory so that what it leaves there is its own. */
    static Process start(Path log, Path tmp, String... args) throws Exception {
        Files.createDirectories(tmp);
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-Djava.io.tmpdir=" + tmp, "-jar", System.getProperty("spectralflow.fullJar", "target/spectralflow.jar")));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        return pb.start();
    }

    /** Waits until the process has created its topics (it does so before its job starts). */
    static void awaitTopic(String topic) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        try (var admin = org.apache.kafka.clients.admin.Admin.create(TopicAdmin.clientProperties(kafka.bootstrapServers(), Map.of()))) {
            while (!admin.listTopics().names().get().contains(topic)) {
                assertTrue(System.currentTimeMillis() < deadline, topic + " never appeared");
                Thread.sleep(200);
            }
        }
    }

    /** SIGKILL to the process by its pid (what {@code kill -9 PID} sends), and wait for it to die. */
    static void kill9(Process p) throws Exception {
        assertTrue(ProcessHandle.of(p.pid()).orElseThrow().destroyForcibly(), "SIGKILL sent to " + p.pid());
        p.waitFor();
    }

    /** Every committed record of a topic in partition-then-offset order. */
    static List<JsonNode> committed(String topic) throws Exception {
        Properties p = TopicAdmin.clientProperties(kafka.bootstrapServers(), Map.of());
        p.put("isolation.level", "read_committed");
        ObjectMapper m = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            for (var info : c.partitionsFor(topic)) {
                TopicPartition tp = new TopicPartition(topic, info.partition());
                c.assign(List.of(tp));
                c.seekToBeginning(List.of(tp));
                long end = c.endOffsets(List.of(tp)).get(tp);
                while (c.position(tp) < end)
                    for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) out.add(m.readTree(r.value()));
            }
        }
        return out;
    }

    static long countedTrials(List<JsonNode> stats) {
        Map<String, Long> byCell = new HashMap<>();
        for (JsonNode s : stats) byCell.merge(s.get("sweep").asText() + "/" + s.get("cell").asLong(), s.get("cell_count").asLong(), Math::max);
        return byCell.values().stream().mapToLong(Long::longValue).sum();
    }

    @Test
    void sweepJobKilledTwiceGivesTheCleanRunsFinals() throws Exception {
        // 1500 trials a cell: the pre-aggregating job is fast, and its counts move only at commits; with 500 the
        // restarted job once finished the last 40 % between two of them, before the second kill could come
        SweepGrid g = new SweepGrid("kill9", 5L, List.of(Ensemble.GAUSSIAN), List.of(64), Scaling.RADIUS, List.of(0.9, 1.0, 1.1),
                List.of(Activation.LINEAR, Activation.TANH), List.of(Precision.NONE), 1500, 200, 1e-6, 1, 0, 1e6, 0.05, false, 1000);
        long total = g.size();
        Path state = dir.resolve("sweep-state"), log = dir.resolve("sweep-job.log");
        String[] args = {"sweep-job", "--bootstrap-servers", kafka.bootstrapServers(), "--state-dir", state.toString(),
                "--checkpoint-interval", "400", "--partial-every", "10", "--parallelism", "2", "--spec-partitions", "2"};
        // topics and specs first, then the job (publishing into partitions created a moment before is what once
        // hung here: SpecPublisher.producerProperties says how and why it no longer can)
        TopicAdmin.awaitReady(kafka.bootstrapServers(), Map.of(), 30_000);
        org.spectralflow.run.SweepRunner.ensureTopics(org.spectralflow.job.SweepJobConfig.defaults(kafka.bootstrapServers()), 2);
        // in blocks, as sweep and publish write them: a checkpoint must complete while their parts are queued
        SpecPublisher.publish(kafka.bootstrapServers(), Map.of(), "sf.specs", g.blocks(0, 2), null);
        Process p = start(log, args);
        awaitTopic("sf.stats");
        int kills = 0;
        long t0 = System.currentTimeMillis(), deadline = t0 + 300_000, lastPrint = 0;
        while (System.currentTimeMillis() < deadline) {
            long done = countedTrials(committed("sf.stats"));
            if (done >= total) break;
            if (System.currentTimeMillis() - lastPrint > 5_000) {
                lastPrint = System.currentTimeMillis();
                System.err.printf("%.1f s: %d/%d trials committed%n", (lastPrint - t0) / 1e3, done, total);
            }
            if ((kills == 0 && done >= total / 4) || (kills == 1 && done >= total * 3 / 5)) {
                kill9(p);
                kills++;
                System.err.printf("kill -9 of sweep-job at %d/%d trials; starting it again%n", done, total);
                p = start(log, args);
            }
            Thread.sleep(300);
        }
        Thread.sleep(1_500); // a checkpoint more: a duplicate would be committed by now
        List<JsonNode> stats = committed("sf.stats");
        kill9(p);
        assertEquals(2, kills, "both kills happened mid-run:\n" + Files.readString(log));
        assertTrue(Files.readString(log).contains("resuming from checkpoint"), "the restarts resumed from checkpoints");

        Map<String, Long> lastCount = new HashMap<>();
        Map<String, CellAggregate> finals = new HashMap<>();
        for (JsonNode s : stats) {
            String key = s.get("sweep").asText() + "/" + s.get("cell").asLong() + "/" + s.get("bin").asText();
            long c = s.get("cell_count").asLong();
            Long before = lastCount.put(key, c);
            assertTrue(before == null || c >= before, key + ": cell_count went back from " + before + " to " + c);
            if (s.get("final").asBoolean())
                assertNull(finals.put(key, StatsCodec.decode(new ObjectMapper().writeValueAsBytes(s))), "duplicate final " + key);
        }
        assertEquals(g.cells(), finals.size(), "one final per cell");
        Map<String, CellAccumulator> clean = new HashMap<>();
        for (Spec s : g.specs()) {
            var a = Analyzer.forCell(s); // what the job computes without a results topic
            clean.computeIfAbsent(s.sweep() + "/" + s.cell() + "/" + s.bin(a.spectrum().rho()), k -> new CellAccumulator()).add(a, s.activation());
        }
        for (var e : finals.entrySet()) {
            CellStats want = clean.get(e.getKey()).stats(), got = e.getValue().stats();
            assertEquals(want.count(), got.count(), e.getKey());
            assertEquals(want.exploded(), got.exploded(), e.getKey());
            assertEquals(want.vanished(), got.vanished(), e.getKey());
            assertEquals(want.gammaMean(), got.gammaMean(), 1e-12 * Math.abs(want.gammaMean()), e.getKey());
            assertEquals(want.rhoMean(), got.rhoMean(), 1e-12 * Math.abs(want.rhoMean()), e.getKey());
            assertEquals(want.gammaP50(), got.gammaP50(), 1e-12 * Math.abs(want.gammaP50()), e.getKey());
        }
    }

    @Test
    void monitorKilledMidStreamReportsEveryReadingOnce() throws Exception {
        killMidStream("monitor", "lm");
    }

    @Test
    void monitorJobUnderJavaJarKilledMidStreamReportsEveryReadingOnce() throws Exception {
        killMidStream("monitor-job", "lm-job");
    }

    static List<JsonNode> health(String model) throws Exception {
        return committed("sf.health").stream().filter(h -> h.get("model").asText().equals(model)).toList();
    }

    /** Publishes 40 steps of 3 layers of {@code model}, kills the command by pid halfway, restarts it, and checks every reading once. */
    static void killMidStream(String command, String model) throws Exception {
        Path state = dir.resolve(command + "-state"), log = dir.resolve(command + ".log");
        String[] args = {command, "--bootstrap-servers", kafka.bootstrapServers(), "--state-dir", state.toString(),
                "--checkpoint-interval", "400", "--parallelism", "2", "--group-id", "g-" + command,
                "--transactional-id-prefix", "tx-" + command};
        Process p = start(log, args);
        awaitTopic("sf.alerts");
        double[] base = MatrixGenerator.generate(new MatrixRecipe(Ensemble.GAUSSIAN, 48, 1, Scaling.RADIUS, 1.0), 9L);
        int layers = 3, steps = 40, killAt = 45;
        boolean killed = false;
        try (WeightsPublisher pub = new WeightsPublisher(kafka.bootstrapServers(), Map.of(), "sf.weights")) {
            for (int k = 0; k < steps; k++) {
                for (int l = 0; l < layers; l++) {
                    double[] w = base.clone();
                    for (int i = 0; i < w.length; i++) w[i] *= 0.9 + 0.005 * k + 0.01 * l;
                    pub.send(new Weights(model, "rnn.weight_hh_l" + l, 100L * k, 48, w, Activation.TANH, 50), "f64");
                }
                pub.flush();
                Thread.sleep(100); // a stream, not a burst: at the kill some readings are sent but not yet committed
                // kill once killAt readings are committed; should the job be slow to start, wait for them at
                // three quarters of the stream, so that the kill always comes with readings still to send
                boolean due = !killed && health(model).size() >= killAt;
                if (!killed && k == steps * 3 / 4) {
                    long until = System.currentTimeMillis() + 120_000;
                    while (health(model).size() < killAt && System.currentTimeMillis() < until) Thread.sleep(100);
                    due = true;
                }
                if (due) {
                    kill9(p);
                    killed = true;
                    System.err.println("kill -9 of " + command + " after " + health(model).size()
                            + " committed health records; starting it again");
                    p = start(log, args);
                }
            }
        }
        long deadline = System.currentTimeMillis() + 120_000;
        while (health(model).size() < layers * steps && System.currentTimeMillis() < deadline) Thread.sleep(500);
        Thread.sleep(1_500);
        List<JsonNode> health = health(model);
        kill9(p);
        assertTrue(killed, "the kill happened mid-stream:\n" + Files.readString(log));
        assertTrue(Files.readString(log).contains("resuming from checkpoint"), "the restart resumed from a checkpoint");
        Set<String> seen = new HashSet<>();
        for (JsonNode h : health) assertTrue(seen.add(h.get("layer").asText() + "@" + h.get("step").asLong()), "duplicate " + h);
        assertEquals(layers * steps, health.size(), "every reading once");
        for (JsonNode h : health) assertFalse(h.get("out_of_order").asBoolean(), "a replay after the restart would read as out of order");
    }

    static Set<String> ourTempDirs(Path tmp) throws Exception {
        try (var files = Files.list(tmp)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.startsWith("spectralflow-"))
                    .collect(java.util.stream.Collectors.toCollection(HashSet::new));
        }
    }

    @Test
    void anInterruptedSweepLeavesNothingInTmp() throws Exception {
        Path tmp = dir.resolve("sweep-tmp"), log = dir.resolve("sweep-term.log");
        Process p = start(log, tmp, "sweep", "--sweep", "term", "--n", "64", "--trials", "20000", "--out",
                dir.resolve("runs").toString(), "--no-report");
        long deadline = System.currentTimeMillis() + 90_000;
        while (!Files.readString(log).contains("embedded Kafka broker at") && System.currentTimeMillis() < deadline) Thread.sleep(200);
        Thread.sleep(3_000); // publishing, the job starting: its temporary directories exist now
        assertTrue(p.isAlive(), Files.readString(log));
        Set<String> made = ourTempDirs(tmp);
        assertTrue(made.stream().anyMatch(d -> d.startsWith("spectralflow-kafka-")), "the sweep made its broker's directory: " + made);
        assertTrue(ProcessHandle.of(p.pid()).orElseThrow().destroy(), "SIGTERM sent to " + p.pid()); // as Ctrl-C's SIGINT: shutdown hooks run
        assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the sweep ends on SIGTERM");
        assertEquals(Set.of(), ourTempDirs(tmp), "broker and checkpoint directories removed:\n" + Files.readString(log));
    }
}

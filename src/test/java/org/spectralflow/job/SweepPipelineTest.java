package org.spectralflow.job;

import org.spectralflow.run.SweepRunner;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.spectralflow.codec.Json;
import org.spectralflow.codec.SpecCodec;
import org.spectralflow.codec.StatsCodec.StatsRecord;
import org.spectralflow.kafka.TopicAdmin;
import org.spectralflow.math.Analyzer;
import org.spectralflow.math.CellAccumulator;
import org.spectralflow.model.Activation;
import org.spectralflow.model.Analysis;
import org.spectralflow.model.CellStats;
import org.spectralflow.model.Ensemble;
import org.spectralflow.model.Precision;
import org.spectralflow.model.Scaling;
import org.spectralflow.model.Spec;
import org.spectralflow.model.SweepGrid;

/** The sweep job end to end: a real in-process Kafka broker and a Flink MiniCluster with 2 slots. */
class SweepPipelineTest extends PipelineTestBase {
    static SweepJobConfig config(String prefix, int parallelism) {
        SweepJobConfig d = SweepJobConfig.defaults(kafka.bootstrapServers());
        return new SweepJobConfig(d.bootstrapServers(), prefix + ".specs", null, prefix + ".stats", prefix + ".dlq",
                prefix, false, null, 256, 0, 500, prefix, Map.of(), parallelism, d.guards());
    }

    static StreamExecutionEnvironment env() {
        return StreamExecutionEnvironment.getExecutionEnvironment(SweepRunner.flinkConfiguration());
    }

    static SweepGrid grid(String name, Scaling scaling, List<Double> scales, List<Activation> acts, List<Precision> precisions,
                          int n, int trials, int steps) {
        return new SweepGrid(name, 77L, List.of(Ensemble.GAUSSIAN), List.of(n), scaling, scales, acts, precisions, trials,
                steps, 1e-6, 1.0, 0.0, 1e6, 0.05, false, 2_000);
    }

    /** The statistics computed by calling the core directly on the same specs, per stats key. */
    static Map<String, CellStats> direct(SweepGrid g) {
        Map<String, CellAccumulator> accs = new HashMap<>();
        for (Spec s : g.specs()) {
            Analysis a = Analyzer.analyze(s);
            String key = s.sweep() + "/" + s.cell() + "/" + s.bin(a.spectrum().rho());
            accs.computeIfAbsent(key, k -> new CellAccumulator()).add(a, s.activation());
        }
        Map<String, CellStats> out = new HashMap<>();
        accs.forEach((k, v) -> out.put(k, v.stats()));
        return out;
    }

    static void assertStatsEqual(CellStats expected, CellStats actual, String where) {
        assertEquals(expected.count(), actual.count(), where);
        assertEquals(expected.exploded(), actual.exploded(), where);
        assertEquals(expected.vanished(), actual.vanished(), where);
        assertEquals(expected.stable(), actual.stable(), where);
        double[] e = {expected.gammaMean(), expected.gammaSd(), expected.rhoMean(), expected.rhoSd(), expected.sigma1Mean(),
                expected.sigma1Sd(), expected.lyapunovMean(), expected.lyapunovSd(), expected.gammaP05(), expected.gammaP50(),
                expected.gammaP95(), expected.lnRhoBar(), expected.subnormalF32Mean(), expected.forgetF32Mean()};
        double[] a = {actual.gammaMean(), actual.gammaSd(), actual.rhoMean(), actual.rhoSd(), actual.sigma1Mean(),
                actual.sigma1Sd(), actual.lyapunovMean(), actual.lyapunovSd(), actual.gammaP05(), actual.gammaP50(),
                actual.gammaP95(), actual.lnRhoBar(), actual.subnormalF32Mean(), actual.forgetF32Mean()};
        for (int i = 0; i < e.length; i++) {
            if (Double.isNaN(e[i])) assertTrue(Double.isNaN(a[i]), where + " field " + i);
            else assertEquals(e[i], a[i], 1e-12 * Math.max(1e-300, Math.abs(e[i])), where + " field " + i);
        }
    }

    @Test
    void finalStatisticsEqualTheCoreOnTheSameSpecs() throws Exception {
        SweepGrid g = grid("e2e", Scaling.RADIUS, List.of(0.9, 1.1), List.of(Activation.LINEAR, Activation.TANH),
                List.of(Precision.NONE, Precision.F32), 16, 5, 50);
        SweepRunner.Outcome out = SweepRunner.run(g, config("e2e", 2).withResults("e2e.results"), env(), 3, null);
        assertEquals(40, out.published());
        List<JsonNode> results = KafkaTestSupport.readAll(kafka.bootstrapServers(), "e2e.results");
        assertEquals(40, results.size(), "one sf.results record per matrix");
        assertEquals(40, results.stream().map(r -> r.get("id").asText()).distinct().count());
        for (JsonNode r : results) {
            assertEquals("e2e", r.get("sweep").asText());
            assertEquals(16, r.get("n").asInt());
            assertEquals(16, r.get("spectrum").get("re").size());
            assertEquals(50, r.get("linear").get("growth").size());
            assertTrue(r.get("tanh").has("gradient_ratio"));
        }
        assertTrue(out.duplicateFinals().isEmpty(), "one final per cell: " + out.duplicateFinals());
        assertEquals(g.cells(), out.finals().size(), "radius sweeps have one bin per cell");
        Map<String, CellStats> expected = direct(g);
        for (StatsRecord r : out.finals()) {
            assertTrue(r.isFinal());
            assertEquals(5, r.cellCount());
            CellStats e = expected.get(r.key().kafkaKey());
            assertNotNull(e, r.key().kafkaKey());
            assertStatsEqual(e, r.stats(), r.key().kafkaKey());
        }
        List<JsonNode> stats = KafkaTestSupport.readAll(kafka.bootstrapServers(), "e2e.stats");
        assertEquals(g.cells(), stats.stream().filter(s -> s.get("final").asBoolean()).count(), "exactly one final per cell on the topic");
    }

    @Test
    void parallelismDoesNotChangeTheResult() throws Exception {
        List<Double> gains = List.of(0.8, 1.0, 1.2);
        SweepGrid g1 = grid("det", Scaling.GAIN, gains, List.of(Activation.TANH), List.of(Precision.NONE), 12, 12, 40);
        SweepRunner.Outcome p1 = SweepRunner.run(g1, config("det1", 1), env(), 2, null);
        SweepRunner.Outcome p2 = SweepRunner.run(g1, config("det2", 2), env(), 2, null);
        assertTrue(p1.finals().size() > g1.cells(), "gain sweeps spread a cell over several ρ bins");
        assertEquals(p1.finals().size(), p2.finals().size());
        for (int i = 0; i < p1.finals().size(); i++) {
            assertEquals(p1.finals().get(i).key(), p2.finals().get(i).key());
            assertEquals(p1.finals().get(i).stats(), p2.finals().get(i).stats(), "bit-identical at parallelism 1 and 2");
        }
        long total = p2.finals().stream().mapToLong(s -> s.stats().count()).sum();
        assertEquals(g1.size(), total);
        Map<String, CellStats> expected = direct(g1);
        for (StatsRecord r : p2.finals()) assertStatsEqual(expected.get(r.key().kafkaKey()), r.stats(), r.key().kafkaKey());
    }

    static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyBadRecordLandsInTheDeadLetterTopicAndNothingIsLost() throws Exception {
        SweepJobConfig cfg = config("bad", 2);
        SweepRunner.ensureTopics(cfg, 2);
        Map<Integer, Long> specStart = TopicAdmin.endOffsets(kafka.bootstrapServers(), Map.of(), cfg.specsTopic());
        Map<Integer, Long> statsStart = TopicAdmin.endOffsets(kafka.bootstrapServers(), Map.of(), cfg.statsTopic());
        SweepGrid g = grid("bad", Scaling.RADIUS, List.of(0.95), List.of(Activation.LINEAR), List.of(Precision.NONE), 8, 6, 20);
        List<byte[][]> records = new ArrayList<>();
        for (Spec s : g.specs()) records.add(new byte[][] {json(s.id()), Json.bytes(SpecCodec.encode(s))});
        String good = Json.compact(SpecCodec.encode(g.spec(0, 0)));
        byte[] nan = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN).putDouble(1).putDouble(Double.NaN).putDouble(0).putDouble(1).array();
        Map<String, byte[]> bad = new java.util.LinkedHashMap<>();
        bad.put("malformed JSON", json("{\"v\":1,\"sweep\":"));
        bad.put("empty payload", new byte[0]);
        bad.put("missing required field 'seed'", json(good.replaceAll("\"seed\":-?\\d+,", "")));
        bad.put("must be an integer", json(good.replace("\"n\":8", "\"n\":\"8\"")));
        bad.put("n must be positive", json(good.replace("\"n\":8", "\"n\":0")));
        bad.put("above the configured maximum", json(good.replace("\"n\":8", "\"n\":100000")));
        bad.put("expected n² = 4", json(good.replace("\"ensemble\":\"gaussian\"", "\"ensemble\":\"given\"").replace("\"n\":8", "\"n\":2")
                .replace("}", ",\"data\":[1,2,3]}")));
        bad.put("entries must be finite", json(good.replace("\"ensemble\":\"gaussian\"", "\"ensemble\":\"given\"").replace("\"n\":8", "\"n\":2")
                .replace("}", ",\"data_b64\":\"" + Base64.getEncoder().encodeToString(nan) + "\"}")));
        bad.put("bad base64", json(good.replace("\"ensemble\":\"gaussian\"", "\"ensemble\":\"given\"").replace("\"n\":8", "\"n\":2")
                .replace("}", ",\"data_b64\":\"@@@@!!!!@@@@!!!!@@@@!!!!@@@@!!!!@@@@!!!!@@\"}")));
        bad.put("unknown version", json(good.replace("\"v\":1", "\"v\":7")));
        bad.put("ensemble must be one of", json(good.replace("gaussian", "cauchy")));
        bad.put("a record must be a JSON object", json("[1,2,3]"));
        bad.put("duplicate", Json.bytes(SpecCodec.encode(g.spec(0, 3))));
        bad.forEach((reason, payload) -> records.add(new byte[][] {json("bad-" + reason), payload}));
        KafkaTestSupport.sendRaw(kafka.bootstrapServers(), cfg.specsTopic(), records);

        SweepRunner.Outcome out = SweepRunner.runPublished("bad", records.size(), cfg, specStart, statsStart, env(), null, System.nanoTime());
        List<JsonNode> dlq = KafkaTestSupport.readAll(kafka.bootstrapServers(), cfg.dlqTopic());
        long processed = out.finals().stream().mapToLong(s -> s.stats().count()).sum();
        assertEquals(6, processed);
        assertEquals(records.size(), processed + dlq.size(), "in = processed + rejected");
        for (String reason : bad.keySet())
            assertTrue(dlq.stream().anyMatch(d -> d.get("error").asText().contains(reason)), "DLQ holds '" + reason + "': " + dlq);
        for (JsonNode d : dlq) {
            assertEquals(cfg.specsTopic(), d.get("topic").asText());
            assertTrue(d.get("offset").asLong() >= 0);
            assertTrue(d.has("payload_b64") && d.has("key"));
        }
    }

    @Test
    void theoryThroughThePipelineVanishingBelowOneExplodingAbove() throws Exception {
        // γ = ln ρ + ln(c)/T, with c the start vector's weight on the dominant mode (|ln c| ≈ ½ ln N):
        // T = 400 keeps that finite-T bias near 0.005 at N = 64
        List<Double> radii = List.of(0.8, 0.9, 1.0, 1.1, 1.2);
        int steps = 400;
        SweepGrid g = grid("theory", Scaling.RADIUS, radii, List.of(Activation.LINEAR), List.of(Precision.NONE), 64, 7, steps);
        SweepRunner.Outcome out = SweepRunner.run(g, config("theory", 2), env(), 2, null);
        assertEquals(radii.size(), out.finals().size());
        double lnE = Math.log(1e6);
        for (StatsRecord r : out.finals()) {
            double rho = r.key().scale();
            CellStats s = r.stats();
            assertEquals(Math.log(rho), s.gammaP50(), 0.01, "median γ against ln ρ at ρ = " + rho);
            assertEquals(Math.log(rho), s.lnRhoBar(), 1e-12);
            double horizon = steps * Math.log(rho); // predicted log ratio at T
            long predicted = horizon > lnE ? s.exploded() : horizon < -lnE ? s.vanished() : s.stable();
            assertEquals(s.count(), predicted, "outcome at ρ = " + rho + " with T ln ρ = " + horizon + " against ln E = " + lnE);
        }
    }
}

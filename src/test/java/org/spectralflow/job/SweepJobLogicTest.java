package org.spectralflow.job;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spectralflow.codec.Json;
import org.spectralflow.codec.SpecCodec;
import org.spectralflow.codec.StatsCodec;
import org.spectralflow.model.Activation;
import org.spectralflow.model.CellAggregate;
import org.spectralflow.model.CellStats;
import org.spectralflow.model.Precision;
import org.spectralflow.model.Scaling;
import org.spectralflow.model.Spec;
import org.spectralflow.model.SweepGrid;
import org.spectralflow.stream.OutMessage;

/** The sweep job's logic on Flink's own test source and a collecting sink: no broker involved. */
class SweepJobLogicTest extends FlinkTestBase {
    static SweepJobConfig config(int parallelism) {
        return SweepJobConfig.defaults("unused").withParallelism(parallelism);
    }

    static List<byte[][]> specs(SweepGrid g) {
        List<byte[][]> out = new ArrayList<>();
        for (Spec s : g.specs()) out.add(new byte[][] {json(s.id()), Json.bytes(SpecCodec.encode(s))});
        return out;
    }

    static List<OutMessage> run(SweepJobConfig cfg, List<byte[][]> in) throws Exception {
        return run(raw -> SweepJob.topology(raw, cfg), records(cfg.specsTopic(), in), cfg.parallelism());
    }

    /** The finals among the outputs, ordered by cell then bin, one per stats key (asserted). */
    static List<CellAggregate> finals(List<OutMessage> out) {
        List<CellAggregate> f = new ArrayList<>();
        for (OutMessage m : out)
            if (m.topic().equals(org.spectralflow.job.Topics.STATS)) {
                CellAggregate r = StatsCodec.decode(m.value());
                if (r.isFinal()) f.add(r);
            }
        assertEquals(f.size(), f.stream().map(r -> r.key().kafkaKey()).distinct().count(), "one final per stats key");
        f.sort(Comparator.<CellAggregate>comparingLong(r -> r.key().cell()).thenComparing(r -> r.key().bin()));
        return f;
    }

    static List<JsonNode> deadLetters(List<OutMessage> out) throws Exception {
        List<JsonNode> d = new ArrayList<>();
        for (OutMessage m : out) if (m.topic().equals(org.spectralflow.job.Topics.DLQ)) d.add(new ObjectMapper().readTree(m.value()));
        return d;
    }

    @Test
    void parallelismDoesNotChangeTheResult() throws Exception {
        List<Double> gains = List.of(0.8, 1.0, 1.2);
        SweepGrid g1 = SweepPipelineTest.grid("det", Scaling.GAIN, gains, List.of(Activation.TANH), List.of(Precision.NONE), 12, 12, 40);
        List<CellAggregate> p1 = finals(run(config(1), specs(g1))), p2 = finals(run(config(2), specs(g1)));
        assertTrue(p1.size() > g1.cells(), "gain sweeps spread a cell over several ρ bins");
        assertEquals(p1.size(), p2.size());
        for (int i = 0; i < p1.size(); i++) {
            assertEquals(p1.get(i).key(), p2.get(i).key());
            assertEquals(p1.get(i).stats(), p2.get(i).stats(), "bit-identical at parallelism 1 and 2");
        }
        long total = p2.stream().mapToLong(s -> s.stats().count()).sum();
        assertEquals(g1.size(), total);
        Map<String, CellStats> expected = SweepPipelineTest.direct(g1);
        for (CellAggregate r : p2) SweepPipelineTest.assertStatsEqual(expected.get(r.key().kafkaKey()), r.stats(), r.key().kafkaKey());
    }

    static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyBadRecordLandsInTheDeadLetterTopicAndNothingIsLost() throws Exception {
        SweepJobConfig cfg = config(2);
        SweepGrid g = SweepPipelineTest.grid("bad", Scaling.RADIUS, List.of(0.95), List.of(Activation.LINEAR), List.of(Precision.NONE), 8, 6, 20);
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
        List<OutMessage> out = run(cfg, records);
        List<JsonNode> dlq = deadLetters(out);
        long processed = finals(out).stream().mapToLong(s -> s.stats().count()).sum();
        assertEquals(6, processed);
        assertEquals(records.size(), processed + dlq.size(), "in = processed + rejected");
        for (String reason : bad.keySet())
            assertTrue(dlq.stream().anyMatch(d -> d.get("error").asText().contains(reason)), "DLQ holds '" + reason + "': " + dlq);
        for (JsonNode d : dlq) {
            assertEquals(cfg.specsTopic(), d.get("topic").asText());
            assertTrue(d.get("offset").asLong() >= 0);
            assertTrue(d.has("payload_b64") && d.has("key"));
            // the step that rejected it: the second of trial 3's two copies at its cell's claim, for its one trial; the rest undecodable
            boolean duplicate = d.get("error").asText().startsWith("duplicate");
            assertEquals(duplicate ? "claim" : "decode", d.get("stage").asText(), d.toString());
            if (duplicate) assertEquals(1, d.get("trials").asLong());
            else assertFalse(d.has("trials"), "an undecodable record stands for no known trials: " + d);
        }
    }

    /** A trial whose analysis fails is a dead letter of the analysis step, for that one trial of its block. */
    @Test
    void aFailedAnalysisIsADeadLetterOfOneTrial() throws Exception {
        SweepJobConfig cfg = config(2);
        // a given nilpotent matrix cannot be scaled to radius 0.9: each of the block's 3 trials fails on its own
        String block = "{\"v\":1,\"sweep\":\"nil\",\"id\":\"nil/0/0-2\",\"cell\":0,\"cell_trials\":3,\"trial\":0,\"trials\":3,"
                + "\"sweep_seed\":5,\"seed\":" + org.spectralflow.model.Seeds.specSeed(5, 0, 0) + ",\"ensemble\":\"given\",\"n\":2,"
                + "\"data\":[0,1,0,0],\"scaling\":\"radius\",\"scale\":0.9,\"activation\":\"linear\",\"steps\":10}";
        List<JsonNode> dlq = deadLetters(run(cfg, List.<byte[][]>of(new byte[][] {json("nil/0/0-2"), json(block)})));
        assertEquals(3, dlq.size(), dlq.toString());
        for (JsonNode d : dlq) {
            assertEquals("analysis", d.get("stage").asText());
            assertEquals(1, d.get("trials").asLong());
            assertTrue(d.get("error").asText().contains("spectral radius 0"), d.toString());
        }
    }

    @Test
    void theoryThroughThePipelineVanishingBelowOneExplodingAbove() throws Exception {
        // γ = ln ρ + ln(c)/T, with c the start vector's weight on the dominant mode (|ln c| ≈ ½ ln N):
        // T = 400 keeps that finite-T bias near 0.005 at N = 64
        List<Double> radii = List.of(0.8, 0.9, 1.0, 1.1, 1.2);
        int steps = 400;
        SweepGrid g = SweepPipelineTest.grid("theory", Scaling.RADIUS, radii, List.of(Activation.LINEAR), List.of(Precision.NONE), 64, 7, steps);
        List<CellAggregate> out = finals(run(config(2), specs(g)));
        assertEquals(radii.size(), out.size());
        double lnE = Math.log(1e6);
        for (CellAggregate r : out) {
            double rho = r.key().scale();
            CellStats s = r.stats();
            assertEquals(Math.log(rho), s.gammaP50(), 0.01, "median γ against ln ρ at ρ = " + rho);
            assertEquals(Math.log(rho), s.lnRhoBar(), 1e-12);
            double horizon = steps * Math.log(rho); // predicted log ratio at T
            long predicted = horizon > lnE ? s.exploded() : horizon < -lnE ? s.vanished() : s.stable();
            assertEquals(s.count(), predicted, "outcome at ρ = " + rho + " with T ln ρ = " + horizon + " against ln E = " + lnE);
        }
    }

    /**
     * A sparse ensemble above dense_max_n through the job: drawn in CSR, Krylov spectra, O(nnz)
     * propagation; radius scaling hits its target, and the linear rate follows ln ρ as §3 predicts.
     */
    @Test
    void aCsrSweepRunsThroughTheJob() throws Exception {
        List<Double> radii = List.of(0.9, 1.1);
        int steps = 400;
        SweepGrid g = new SweepGrid("csr", 77L, List.of(org.spectralflow.model.Ensemble.SPARSE), List.of(2500), Scaling.RADIUS, radii,
                List.of(Activation.LINEAR), List.of(Precision.NONE), 3, steps, 1e-6, 0.004, 0.0, 1e6, 0.05, false, 2_000,
                new org.spectralflow.model.AnalysisOptions(0, false, 1.0, false, 2000, 0.0, 2048));
        List<OutMessage> out = run(config(2).withResults(org.spectralflow.job.Topics.RESULTS), specs(g));
        int results = 0;
        for (OutMessage m : out)
            if (m.topic().equals(org.spectralflow.job.Topics.RESULTS)) {
                JsonNode r = new ObjectMapper().readTree(m.value());
                JsonNode sp = r.path("spectrum");
                assertEquals("krylov", sp.path("method").asText());
                assertTrue(sp.path("converged").asBoolean());
                double rho = sp.path("rho").asDouble();
                assertTrue(Math.abs(rho - 0.9) <= 1e-12 || Math.abs(rho - 1.1) <= 1e-12, "ρ = " + rho);
                results++;
            }
        assertEquals(6, results);
        List<CellAggregate> f = finals(out);
        assertEquals(2, f.size());
        for (CellAggregate r : f) {
            assertEquals(3, r.stats().count());
            assertEquals(Math.log(r.key().scale()), r.stats().gammaP50(), 0.015, "median γ against ln ρ at ρ = " + r.key().scale());
        }
        assertTrue(deadLetters(out).isEmpty());
    }
}

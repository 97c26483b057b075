package org.spectralflow.job;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spectralflow.codec.Json;
import org.spectralflow.codec.MatrixFiles;
import org.spectralflow.codec.WeightsCodec;
import org.spectralflow.model.Activation;
import org.spectralflow.model.DenseMatrix;
import org.spectralflow.model.RecurrentCell;
import org.spectralflow.model.Weights;
import org.spectralflow.stream.OutMessage;

/** The monitor job's logic on Flink's own test source and a collecting sink: no broker involved. */
class MonitorJobLogicTest extends FlinkTestBase {
    @Test
    void healthMatchesNumpyAndBadRecordsAreRejected() throws Exception {
        MonitorJobConfig cfg = MonitorJobConfig.defaults("unused");
        List<byte[][]> raw = new ArrayList<>();
        ObjectMapper m = new ObjectMapper();
        Map<String, JsonNode> reference = new LinkedHashMap<>();
        int sent = 0;
        for (String name : new String[] {"gaussian50", "nonnormal30", "lowrank40", "uniform_f32_fortran64"}) {
            DenseMatrix sq = MatrixFiles.npy(MonitorPipelineTest.fixture(name + ".npy"), 4096);
            Weights w = new Weights("fixtures", name, 1, sq.n(), sq.rowMajor(), Activation.TANH, 100);
            raw.add(new byte[][] {w.key().getBytes(StandardCharsets.UTF_8), Json.bytes(WeightsCodec.encode(w, name.contains("f32") ? "f32" : "f64"))});
            reference.put(name, m.readTree(MonitorPipelineTest.fixture(name + ".json")));
            sent++;
        }
        // plain JSON with "data", as kcat would send it
        DenseMatrix g = MatrixFiles.npy(MonitorPipelineTest.fixture("gaussian50.npy"), 4096);
        StringBuilder plain = new StringBuilder("{\"v\":1,\"model\":\"kcat\",\"layer\":\"gaussian50\",\"step\":7,\"n\":50,\"data\":[");
        for (int i = 0; i < g.rowMajor().length; i++) plain.append(i == 0 ? "" : ",").append(g.rowMajor()[i]);
        plain.append("]}");
        raw.add(new byte[][] {"kcat/gaussian50".getBytes(), plain.toString().getBytes(StandardCharsets.UTF_8)});
        String ok = "{\"v\":1,\"model\":\"bad\",\"layer\":\"x\",\"step\":1,\"n\":2,\"data\":[1,2,3,4]}";
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("malformed JSON", "{\"v\":1,\"model\":");
        bad.put("empty payload", "");
        bad.put("missing required field 'layer'", ok.replace("\"layer\":\"x\",", ""));
        bad.put("must be an integer", ok.replace("\"step\":1", "\"step\":\"one\""));
        bad.put("expected n² = 4", ok.replace("[1,2,3,4]", "[1,2,3]"));
        bad.put("entries must be finite", ok.replace("[1,2,3,4]", "[1,NaN,3,4]"));
        bad.put("n must be positive", ok.replace("\"n\":2", "\"n\":0"));
        bad.put("above the configured maximum", ok.replace("\"n\":2", "\"n\":5000000"));
        bad.put("bad base64", ok.replace("\"data\":[1,2,3,4]", "\"dtype\":\"f32\",\"data_b64\":\"AAAAAAAA*AAAAAAAAAAAAAAA\""));
        bad.put("unknown version", ok.replace("\"v\":1", "\"v\":9"));
        bad.forEach((reason, payload) -> raw.add(new byte[][] {"bad/x".getBytes(), payload.getBytes(StandardCharsets.UTF_8)}));
        int good = sent + 1;

        List<OutMessage> out = run(in -> MonitorJob.topology(in, cfg), records(cfg.weightsTopic(), raw), 2);
        List<JsonNode> health = new ArrayList<>(), dlq = new ArrayList<>();
        for (OutMessage o : out) {
            if (o.topic().equals(cfg.healthTopic())) health.add(m.readTree(o.value()));
            if (o.topic().equals(cfg.dlqTopic())) dlq.add(m.readTree(o.value()));
        }
        assertEquals(good, health.size());
        assertEquals(bad.size(), dlq.size());
        assertEquals(good + bad.size(), health.size() + dlq.size(), "in = health + rejected");
        for (String reason : bad.keySet())
            assertTrue(dlq.stream().anyMatch(d -> d.get("error").asText().contains(reason)), reason + " in " + dlq);
        for (JsonNode h : health) {
            JsonNode ref = reference.get(h.get("layer").asText());
            double rho = 0;
            for (int i = 0; i < ref.get("re").size(); i++)
                rho = Math.max(rho, Math.hypot(ref.get("re").get(i).asDouble(), ref.get("im").get(i).asDouble()));
            assertEquals(rho, h.get("rho").asDouble(), 1e-10 * rho, h.toString());
            assertEquals(ref.get("sigma1").asDouble(), h.get("sigma1").asDouble(), 1e-12 * ref.get("sigma1").asDouble());
            assertEquals(h.get("sigma1").asDouble() < 1, h.get("contractive").asBoolean());
        }
    }

    /** Gated cells through the job: gate blocks, a trajectory that decides the regime, and a 4H×H record without cell refused. */
    @Test
    void gatedCellsAndJacobiansThroughTheJob() throws Exception {
        MonitorJobConfig cfg = MonitorJobConfig.defaults("unused");
        int h = 3;
        double[] lstm = new double[4 * h * h];
        for (int g = 0; g < 4; g++) for (int i = 0; i < h; i++) lstm[g * h * h + i * h + i] = 0.5 + 0.25 * g; // ρ 0.5 … 1.25
        double[] jac = new double[2 * 4 * h * h]; // J_1 = 1.1·I, J_2 = 1.3·I on the 2H stacked state
        for (int t = 0; t < 2; t++) for (int i = 0; i < 2 * h; i++) jac[t * 4 * h * h + i * 2 * h + i] = t == 0 ? 1.1 : 1.3;
        Weights withJ = new Weights("g", "lstm.weight_hh_l0", 1, RecurrentCell.LSTM, h, lstm, 50,
                new org.spectralflow.model.Jacobians(2, 2 * h, jac));
        Weights gru = new Weights("g", "gru.weight_hh_l0", 1, RecurrentCell.GRU, h, java.util.Arrays.copyOf(lstm, 3 * h * h), 50, null);
        List<byte[][]> raw = new ArrayList<>();
        for (Weights w : new Weights[] {withJ, gru})
            raw.add(new byte[][] {w.key().getBytes(StandardCharsets.UTF_8), Json.bytes(WeightsCodec.encode(w, "f64"))});
        String noCell = Json.compact(WeightsCodec.encode(withJ, "f64")).replace("\"cell\":\"lstm\",", "").replaceAll(",\"m\":6,\"jacobians_b64\":\"[^\"]*\"", "");
        raw.add(new byte[][] {"g/x".getBytes(), noCell.getBytes(StandardCharsets.UTF_8)});
        List<OutMessage> out = run(in -> MonitorJob.topology(in, cfg), records(cfg.weightsTopic(), raw), 1);
        ObjectMapper m = new ObjectMapper();
        Map<String, JsonNode> health = new LinkedHashMap<>();
        List<JsonNode> dlq = new ArrayList<>();
        for (OutMessage o : out) {
            if (o.topic().equals(cfg.healthTopic())) health.put(m.readTree(o.value()).get("layer").asText(), m.readTree(o.value()));
            if (o.topic().equals(cfg.dlqTopic())) dlq.add(m.readTree(o.value()));
        }
        assertEquals(2, health.size());
        assertEquals(1, dlq.size());
        assertTrue(dlq.get(0).get("error").asText().contains("data_b64 holds about 36 f64 values, expected n² = 9 (12×3: the weight_hh of an LSTM layer? then set \"cell\":\"lstm\")"), dlq.toString());
        JsonNode l = health.get("lstm.weight_hh_l0");
        assertEquals(1.25, l.get("rho").asDouble(), 1e-15);
        assertEquals(0.75, l.get("gates").get("f").get("rho").asDouble(), 1e-15);
        double rate = (Math.log(1.1) + Math.log(1.3)) / 2;
        assertEquals(rate, l.get("trajectory").get("rate").asDouble(), 1e-15);
        assertEquals(rate, l.get("growth_rate").asDouble(), 1e-15);
        assertEquals(Math.sqrt(1.1 * 1.3), l.get("trajectory").get("rho_product").asDouble(), 1e-14);
        assertEquals("exploding", l.get("regime").asText(), "rate " + rate + " is above the band");
        JsonNode g = health.get("gru.weight_hh_l0");
        assertTrue(g.get("regime").isNull() && g.get("growth_rate").isNull() && !g.has("trajectory"), g.toString());
        assertEquals(List.of("r", "z", "n"), iterable(g.get("gates").fieldNames()));
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}

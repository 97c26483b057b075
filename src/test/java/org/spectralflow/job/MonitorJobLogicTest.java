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
}

package org.spectralflow.job;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.spectralflow.math.HealthAnalyzer;
import org.spectralflow.model.Activation;
import org.spectralflow.model.RecordOrigin;
import org.spectralflow.model.Weights;
import org.spectralflow.stream.OutMessage;

/** The monitor's keyed state with Flink's operator test harness: the layer cap, out-of-order steps and layer expiry. */
class MonitorLayersHarnessTest {
    static final long TTL = 10_000;

    static KeyedOneInputStreamOperatorTestHarness<String, WeightsReading, OutMessage> harness(int maxLayers) throws Exception {
        MonitorJobConfig d = MonitorJobConfig.defaults("unused");
        MonitorJobConfig cfg = new MonitorJobConfig(d.bootstrapServers(), d.weightsTopic(), d.healthTopic(), d.alertsTopic(),
                d.dlqTopic(), d.groupId(), d.maxN(), d.checkpointIntervalMs(), d.transactionalIdPrefix(), Map.of(), 1, d.settings(),
                new MonitorJobConfig.Bounds(TTL, maxLayers));
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new MonitorLayers(cfg)),
                WeightsReading::model, Types.STRING);
        h.open();
        return h;
    }

    static StreamRecord<WeightsReading> reading(String model, String layer, long step, double scale) {
        double[] w = {0.5 * scale, 0.1, -0.2, 0.4 * scale};
        return new StreamRecord<>(new WeightsReading(HealthAnalyzer.read(new Weights(model, layer, step, 2, w, Activation.TANH, 10)),
                RecordOrigin.of("sf.weights", 0, step, null, new byte[0])));
    }

    static List<JsonNode> on(KeyedOneInputStreamOperatorTestHarness<String, WeightsReading, OutMessage> h, String topic) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (OutMessage m : h.extractOutputValues()) if (m.topic().equals(topic)) out.add(new ObjectMapper().readTree(m.value()));
        return out;
    }

    @Test
    void aModelGetsAtMostItsCapOfLayersAndAnotherModelIsUnaffected() throws Exception {
        var h = harness(2);
        for (String layer : new String[] {"a", "b", "c", "a"}) h.processElement(reading("m", layer, 1, 1));
        h.processElement(reading("other", "c", 1, 1));
        List<JsonNode> dlq = on(h, "sf.dlq"), health = on(h, "sf.health");
        assertEquals(1, dlq.size());
        assertTrue(dlq.get(0).get("error").asText().startsWith("model 'm' already has 2 layers"), dlq.toString());
        assertEquals(4, health.size(), "a, b, a again, and the other model's c");
        h.close();
    }

    @Test
    void aStepThatGoesBackIsReportedButLeftOutOfTheRegimeAndTrend() throws Exception {
        var h = harness(10);
        h.processElement(reading("m", "a", 100, 1));
        h.processElement(reading("m", "a", 200, 1));
        h.processElement(reading("m", "a", 150, 3)); // would read as exploding
        h.processElement(reading("m", "a", 200, 3)); // repeated
        List<JsonNode> health = on(h, "sf.health");
        assertEquals(List.of(false, false, true, true), health.stream().map(x -> x.get("out_of_order").asBoolean()).toList());
        assertEquals(health.get(1).get("regime"), health.get(2).get("regime"), "the regime is the layer's, not the stray reading's");
        assertTrue(on(h, "sf.alerts").isEmpty());
        h.close();
    }

    @Test
    void aSilentLayerExpiresAndStartsAfresh() throws Exception {
        var h = harness(1);
        h.setStateTtlProcessingTime(0);
        h.processElement(reading("m", "a", 100, 1));
        h.setStateTtlProcessingTime(TTL + 1);
        h.processElement(reading("m", "b", 1, 1)); // a's slot is free again: within the cap of one layer
        h.processElement(reading("m", "a", 50, 1)); // a is new now: not out of order, but over the cap again
        List<JsonNode> health = on(h, "sf.health"), dlq = on(h, "sf.dlq");
        assertEquals(2, health.size(), health.toString());
        assertEquals("b", health.get(1).get("layer").asText());
        assertEquals(1, dlq.size());
        h.close();
    }
}

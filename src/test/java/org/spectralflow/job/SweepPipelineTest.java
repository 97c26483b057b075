package org.spectralflow.job;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.spectralflow.math.Analyzer;
import org.spectralflow.math.CellAccumulator;
import org.spectralflow.model.Activation;
import org.spectralflow.model.Analysis;
import org.spectralflow.model.CellAggregate;
import org.spectralflow.model.CellStats;
import org.spectralflow.model.Ensemble;
import org.spectralflow.model.Precision;
import org.spectralflow.model.Scaling;
import org.spectralflow.model.Spec;
import org.spectralflow.model.SweepGrid;
import org.spectralflow.run.SweepRunner;

/** The sweep job end to end: a real in-process Kafka broker and a Flink MiniCluster with 2 slots. */
class SweepPipelineTest extends PipelineTestBase {
    static SweepJobConfig config(String prefix, int parallelism) {
        return new SweepJobConfig.Builder().topicPrefix(prefix).groupId(prefix).transactionalIdPrefix(prefix).maxN(256)
                .checkpointIntervalMs(500).parallelism(parallelism).build(kafka.bootstrapServers());
    }

    static StreamExecutionEnvironment env() {
        return StreamExecutionEnvironment.getExecutionEnvironment(Defaults.localFlinkConfiguration());
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
        for (CellAggregate r : out.finals()) {
            assertTrue(r.isFinal());
            assertEquals(5, r.cellCount());
            CellStats e = expected.get(r.key().kafkaKey());
            assertNotNull(e, r.key().kafkaKey());
            assertStatsEqual(e, r.stats(), r.key().kafkaKey());
        }
        List<JsonNode> stats = KafkaTestSupport.readAll(kafka.bootstrapServers(), "e2e.stats");
        assertEquals(g.cells(), stats.stream().filter(s -> s.get("final").asBoolean()).count(), "exactly one final per cell on the topic");
    }
}

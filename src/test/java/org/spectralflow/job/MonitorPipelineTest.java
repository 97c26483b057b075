package org.spectralflow.job;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spectralflow.codec.Json;
import org.spectralflow.kafka.WeightsPublisher;
import org.spectralflow.math.MatrixGenerator;
import org.spectralflow.model.Activation;
import org.spectralflow.model.Ensemble;
import org.spectralflow.model.MatrixRecipe;
import org.spectralflow.model.Scaling;
import org.spectralflow.model.Weights;
import org.spectralflow.run.Checkpoints;
import org.spectralflow.run.MonitorTopics;

/** The monitor job end to end on a real broker and a MiniCluster. */
class MonitorPipelineTest extends PipelineTestBase {
    @TempDir
    static Path checkpoints;

    static MonitorJobConfig config(String prefix) {
        MonitorJobConfig d = MonitorJobConfig.defaults(kafka.bootstrapServers());
        return new MonitorJobConfig(d.bootstrapServers(), prefix + ".weights", prefix + ".health", prefix + ".alerts",
                prefix + ".dlq", prefix, d.maxN(), 300, prefix, Map.of(), 2, d.settings(), d.bounds());
    }

    static JobClient start(MonitorJobConfig cfg, String restoreFrom) throws Exception {
        return start(cfg, restoreFrom, checkpoints);
    }

    static JobClient start(MonitorJobConfig cfg, String restoreFrom, Path checkpointDir) throws Exception {
        MonitorTopics.ensure(cfg, 2);
        Configuration c = Defaults.localFlinkConfiguration();
        c.setString("execution.checkpointing.dir", checkpointDir.toUri().toString());
        c.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        if (restoreFrom != null) c.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(c);
        Checkpoints.enable(env, cfg.checkpointIntervalMs());
        MonitorJob.build(env, cfg);
        return env.executeAsync("monitor " + cfg.weightsTopic());
    }

    /** Reads the topic until it holds at least {@code count} committed records (or 60 s pass). */
    static List<JsonNode> await(String topic, int count) throws Exception {
        long deadline = System.currentTimeMillis() + 60_000;
        List<JsonNode> got;
        do {
            got = KafkaTestSupport.readAll(kafka.bootstrapServers(), topic);
            if (got.size() >= count) return got;
            Thread.sleep(300);
        } while (System.currentTimeMillis() < deadline);
        return got;
    }

    static byte[] fixture(String name) throws Exception {
        try (InputStream in = MonitorPipelineTest.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        }
    }

    /** g·(I − 2vvᵀ/‖v‖²): dense, orthogonal up to g, so ρ = σ₁ = g exactly. */
    static double[] scaledReflection(int n, double g) {
        double[] v = new double[n];
        double vv = 0;
        for (int i = 0; i < n; i++) {
            v[i] = Math.sin(1.0 + i);
            vv += v[i] * v[i];
        }
        double[] w = new double[n * n];
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++) w[i * n + j] = g * ((i == j ? 1 : 0) - 2 * v[i] * v[j] / vv);
        return w;
    }

    @Test
    void matricesOfRealSizeTravelThroughTheTopics() throws Exception {
        MonitorJobConfig cfg = config("big");
        JobClient job = start(cfg, null);
        int n = 1024;
        try (WeightsPublisher pub = new WeightsPublisher(kafka.bootstrapServers(), Map.of(), cfg.weightsTopic())) {
            pub.send(new Weights("big", "f64", 1, n, scaledReflection(n, 0.97), Activation.TANH, 20), "f64"); // ~11 MB record
            pub.send(new Weights("big", "f32", 1, n, scaledReflection(n, 1.03), Activation.TANH, 20), "f32");
        }
        List<JsonNode> health = await(cfg.healthTopic(), 2);
        job.cancel().get();
        assertEquals(2, health.size());
        for (JsonNode h : health) {
            boolean f64 = h.get("layer").asText().equals("f64");
            double g = f64 ? 0.97 : 1.03, tol = f64 ? 1e-12 : 1e-6; // f32 entries carry 2⁻²⁴ relative rounding
            assertEquals(n, h.get("n").asInt());
            assertEquals(g, h.get("rho").asDouble(), tol, h.toString());
            assertEquals(g, h.get("sigma1").asDouble(), tol);
            assertEquals(f64, h.get("contractive").asBoolean());
        }
    }

    static List<Weights> walk(int n) {
        double[] w1 = MatrixGenerator.generate(new MatrixRecipe(Ensemble.GAUSSIAN, n, 1, Scaling.RADIUS, 1.0), 3L);
        List<Weights> out = new ArrayList<>();
        for (int k = 0; k <= 20; k++) {
            double[] w = w1.clone();
            double rho = 0.9 + 0.01 * k;
            for (int i = 0; i < w.length; i++) w[i] *= rho;
            out.add(new Weights("lm", "rnn.weight_hh_l0", 100L * k, n, w, Activation.LINEAR, 100));
        }
        return out;
    }

    static Path latestCheckpoint(JobClient job) {
        return Checkpoints.latest(checkpoints.resolve(job.getJobID().toString())).orElseThrow();
    }

    @Test
    void aWalkAcrossOneAlertsOnceWithAForecastAndSurvivesARestart() throws Exception {
        MonitorJobConfig cfg = config("walk");
        List<Weights> walk = walk(24);
        JobClient first = start(cfg, null);
        try (WeightsPublisher pub = new WeightsPublisher(kafka.bootstrapServers(), Map.of(), cfg.weightsTopic())) {
            for (Weights w : walk.subList(0, 9)) pub.send(w, "f64");
        }
        await(cfg.healthTopic(), 9);
        Thread.sleep(1_000); // let a checkpoint complete after the first nine readings
        try (WeightsPublisher pub = new WeightsPublisher(kafka.bootstrapServers(), Map.of(), cfg.weightsTopic())) {
            for (Weights w : walk.subList(9, 11)) pub.send(w, "f64"); // may or may not be checkpointed before the cancel
        }
        first.cancel().get();
        Path checkpoint = latestCheckpoint(first);

        JobClient second = start(cfg, checkpoint.toString());
        try (WeightsPublisher pub = new WeightsPublisher(kafka.bootstrapServers(), Map.of(), cfg.weightsTopic())) {
            for (Weights w : walk.subList(11, walk.size())) pub.send(w, "f64");
        }
        List<JsonNode> health = await(cfg.healthTopic(), walk.size());
        Thread.sleep(1_000);
        health = KafkaTestSupport.readAll(kafka.bootstrapServers(), cfg.healthTopic());
        List<JsonNode> alerts = KafkaTestSupport.readAll(kafka.bootstrapServers(), cfg.alertsTopic());
        second.cancel().get();

        assertEquals(walk.size(), health.size(), "one health record per weights record, across the restart");
        assertEquals(walk.size(), health.stream().map(h -> h.get("step").asLong()).distinct().count(), "no duplicates");
        List<JsonNode> regime = alerts.stream().filter(a -> a.get("kind").asText().equals("regime")).toList();
        List<JsonNode> forecast = alerts.stream().filter(a -> a.get("kind").asText().equals("forecast")).toList();
        assertEquals(1, regime.size(), alerts.toString());
        assertEquals("vanishing", regime.get(0).get("from").asText());
        assertEquals("exploding", regime.get(0).get("to").asText());
        assertEquals(1200, regime.get(0).get("step").asLong());
        assertEquals(1, forecast.size(), alerts.toString());
        assertTrue(forecast.get(0).get("step").asLong() < 1000);
        assertEquals(1000, forecast.get(0).get("forecast_step").asLong(), 1);
        for (JsonNode h : health)
            assertEquals(0.9 + 0.01 * h.get("step").asLong() / 100, h.get("rho").asDouble(), 1e-12);
        assertEquals(Json.VERSION, alerts.get(0).get("v").asInt());
    }
}

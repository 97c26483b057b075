package org.spectralflow.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.spectralflow.codec.HealthCodec;
import org.spectralflow.job.Defaults;
import org.spectralflow.job.MonitorJob;
import org.spectralflow.job.MonitorJobConfig;
import org.spectralflow.kafka.EmbeddedKafka;
import org.spectralflow.kafka.TopicFollower;
import org.spectralflow.kafka.WeightsPublisher;
import org.spectralflow.math.MatrixGenerator;
import org.spectralflow.model.Activation;
import org.spectralflow.model.Ensemble;
import org.spectralflow.model.MatrixRecipe;
import org.spectralflow.model.Scaling;
import org.spectralflow.model.Weights;
import org.spectralflow.run.MonitorTopics;

/**
 * Record → health latency of the monitor (a benchmark, not a test): N = 256 f32 matrices at a
 * fixed rate into an embedded broker, the monitor job on a MiniCluster, latency measured from
 * the send to the committed health record's arrival at a read_committed consumer.
 *
 * <p>Usage: MonitorLatency [n=256] [rate=20] [seconds=30] [checkpointMs=500]
 */
public final class MonitorLatency {
    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 20;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        long checkpointMs = args.length > 3 ? Long.parseLong(args[3]) : 500;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            MonitorJobConfig d = MonitorJobConfig.defaults(kafka.bootstrapServers());
            MonitorJobConfig cfg = new MonitorJobConfig(d.bootstrapServers(), d.weightsTopic(), d.healthTopic(), d.alertsTopic(),
                    d.dlqTopic(), d.groupId(), d.maxN(), checkpointMs, "latency", Map.of(), 2, d.settings(), d.bounds());
            MonitorTopics.ensure(cfg, 2);
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, Defaults.localFlinkConfiguration());
            org.spectralflow.run.Checkpoints.enable(env, cfg.checkpointIntervalMs());
            MonitorJob.build(env, cfg);
            JobClient job = env.executeAsync("monitor latency");
            double[] w = MatrixGenerator.generate(new MatrixRecipe(Ensemble.GAUSSIAN, n, 1, Scaling.GAIN, 1.0), 1L);
            Map<Long, Long> sentAt = new ConcurrentHashMap<>();
            List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
            int total = (int) (rate * seconds), warmup = (int) rate * 3;
            Thread reader = new Thread(() -> {
                try (TopicFollower f = new TopicFollower(kafka.bootstrapServers(), Map.of(), List.of(cfg.healthTopic()), true)) {
                    int seen = 0;
                    long deadline = System.nanoTime() + (seconds + 60) * 1_000_000_000L;
                    while (seen < total && System.nanoTime() < deadline)
                        for (TopicFollower.Message m : f.poll(Duration.ofMillis(20))) {
                            long now = System.nanoTime();
                            HealthCodec.Health h = HealthCodec.decode(m.value());
                            if (h.step() >= warmup) latencies.add((now - sentAt.get(h.step())) / 1e6);
                            seen++;
                        }
                }
            });
            reader.start();
            try (WeightsPublisher pub = new WeightsPublisher(kafka.bootstrapServers(), Map.of(), cfg.weightsTopic())) {
                long start = System.nanoTime();
                for (int i = 0; i < total; i++) {
                    long due = start + (long) (i * 1e9 / rate);
                    while (System.nanoTime() < due) Thread.sleep(1);
                    sentAt.put((long) i, System.nanoTime());
                    pub.send(new Weights("bench", "layer", i, n, w, Activation.TANH, 100), "f32");
                    pub.flush();
                }
            }
            reader.join();
            job.cancel().get();
            List<Double> l = new ArrayList<>(latencies);
            Collections.sort(l);
            System.out.printf("N=%d f32, %.0f records/s for %d s, checkpoint every %d ms: %d measured, p50 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                    n, rate, seconds, checkpointMs, l.size(), l.get(l.size() / 2), l.get((int) Math.ceil(0.99 * l.size()) - 1),
                    l.get(l.size() - 1));
        }
    }
}

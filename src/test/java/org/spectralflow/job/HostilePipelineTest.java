package org.spectralflow.job;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.spectralflow.codec.HostileCorpus;
import org.spectralflow.codec.Json;
import org.spectralflow.codec.SpecCodec;
import org.spectralflow.codec.StatsCodec;
import org.spectralflow.codec.WeightsCodec;
import org.spectralflow.kafka.TopicAdmin;
import org.spectralflow.model.Activation;
import org.spectralflow.model.CellAggregate;
import org.spectralflow.model.CellDefinition;
import org.spectralflow.model.CellStats;
import org.spectralflow.model.Precision;
import org.spectralflow.model.Scaling;
import org.spectralflow.model.Spec;
import org.spectralflow.model.SweepGrid;
import org.spectralflow.model.Weights;
import org.spectralflow.run.SweepRunner;

/**
 * The hostile corpus through both real jobs (real broker, MiniCluster): every record comes out as
 * exactly one output or one dead letter, the job is still RUNNING afterwards, and the genuine
 * records among the hostile ones get exactly the results they would get alone.
 */
class HostilePipelineTest extends PipelineTestBase {
    @org.junit.jupiter.api.io.TempDir
    static java.nio.file.Path checkpoints;

    static List<byte[][]> records(List<HostileCorpus.Entry> corpus) {
        List<byte[][]> out = new ArrayList<>();
        for (HostileCorpus.Entry e : corpus) out.add(new byte[][] {e.key(), e.value()});
        return out;
    }

    static byte[][] spec(Spec s) {
        return new byte[][] {s.id().getBytes(StandardCharsets.UTF_8), Json.bytes(SpecCodec.encode(s))};
    }

    /** Waits until count() reaches want (or 120 s pass) and returns the last count. */
    static long awaitCount(Supplier<Long> count, long want) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 120_000, got;
        while ((got = count.get()) < want && System.currentTimeMillis() < deadline) Thread.sleep(500);
        return got;
    }

    static long size(String topic) {
        try {
            return KafkaTestSupport.readAll(kafka.bootstrapServers(), topic).size();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void hostileSpecsNeverStopTheSweepJob() throws Exception {
        SweepJobConfig cfg = SweepRunner.ensureTopics(SweepPipelineTest.config("hostile", 2).withResults("hostile.results"), 2);
        Map<Integer, Long> start = TopicAdmin.endOffsets(kafka.bootstrapServers(), Map.of(), cfg.specsTopic());
        SweepGrid grid = SweepPipelineTest.grid("genuine", Scaling.RADIUS, List.of(0.9, 1.1), List.of(Activation.LINEAR),
                List.of(Precision.NONE), 8, 3, 30);
        List<byte[][]> in = new ArrayList<>();
        Spec first = grid.spec(0, 0);
        // an impostor of trial 0 of cell 0, published first: another seed, another scale
        in.add(spec(new Spec(first.id(), 0, 12345L, new CellDefinition(first.sweep(), 0, 3, null, first.ensemble(), 8, 1,
                first.scaling(), 3.0, first.activation(), 0, 30, 1e-6, Precision.NONE, 1e6, 0.05, false, 2000), null)));
        in.addAll(records(HostileCorpus.specs(21, 150)));
        for (Spec s : grid.specs()) in.add(spec(s));
        KafkaTestSupport.sendRaw(kafka.bootstrapServers(), cfg.specsTopic(), in);

        StreamExecutionEnvironment env = SweepPipelineTest.env();
        org.spectralflow.run.Checkpoints.enable(env, cfg.checkpointIntervalMs());
        SweepJob.build(env, cfg.withStart(start));
        JobClient job = env.executeAsync("hostile sweep");
        awaitCount(() -> size(cfg.resultsTopic()) + size(cfg.dlqTopic()), in.size());
        // once cell 1 is complete: a spec that disagrees with it in n, and a replay of one of its trials
        Spec c1 = grid.spec(1, 2);
        List<byte[][]> late = List.of(spec(grid.spec(1, 1)),
                spec(new Spec(c1.id(), 2, c1.seed(), new CellDefinition(c1.sweep(), 1, 3, c1.sweepSeed(), c1.ensemble(), 9, 1,
                        c1.scaling(), c1.scale(), c1.activation(), 0, 30, 1e-6, Precision.NONE, 1e6, 0.05, false, 2000), null)));
        KafkaTestSupport.sendRaw(kafka.bootstrapServers(), cfg.specsTopic(), late);
        in.addAll(late);
        long out = awaitCount(() -> size(cfg.resultsTopic()) + size(cfg.dlqTopic()), in.size());
        Thread.sleep(1_500); // a checkpoint more: anything extra would show now
        assertEquals(JobStatus.RUNNING, job.getJobStatus().get(), "the job is still running");
        List<JsonNode> results = KafkaTestSupport.readAll(kafka.bootstrapServers(), cfg.resultsTopic());
        List<JsonNode> dlq = KafkaTestSupport.readAll(kafka.bootstrapServers(), cfg.dlqTopic());
        List<JsonNode> stats = KafkaTestSupport.readAll(kafka.bootstrapServers(), cfg.statsTopic());
        job.cancel().get();
        assertEquals(in.size(), out);
        assertEquals(in.size(), results.size() + dlq.size(), "in = out (counted trials) + rejected");
        for (JsonNode d : dlq) assertTrue(Json.bytes(d).length <= 16 * 1024, "bounded dead letter");
        assertTrue(dlq.stream().anyMatch(d -> d.get("error").asText().startsWith("duplicate: cell genuine/1 is complete")), "the replay");
        assertTrue(dlq.stream().anyMatch(d -> d.get("error").asText().startsWith("field 'n' = 9 disagrees with 8")), "the n mismatch");

        // the impostor came first, yet the genuine cell is whole: the impostor's scale is not the cell's
        List<CellAggregate> finals = new ArrayList<>();
        for (JsonNode s : stats)
            if (s.get("final").asBoolean() && s.get("sweep").asText().equals("genuine")) finals.add(StatsCodec.decode(Json.bytes(s)));
        long impostors = results.stream().filter(r -> r.get("id").asText().equals("genuine/0/0")).count();
        assertEquals(1, impostors, "one result for trial genuine/0/0");
        // whichever of cell 0's specs reaches the cell first fixes its definition; the impostor and the
        // genuine trials disagree in sweep_seed and scale, so at least one rejection names such a
        // field, and every rejection of the cell does or is a duplicate of trial 0
        List<String> cell0 = dlq.stream().map(x -> x.get("error").asText()).filter(e -> e.contains("genuine/0")).toList();
        java.util.function.Predicate<String> namesAField = e -> e.startsWith("field 'scale' = ") || e.startsWith("field 'sweep_seed' = ");
        assertTrue(cell0.stream().anyMatch(namesAField), cell0.toString());
        assertTrue(cell0.stream().allMatch(namesAField.or(e -> e.startsWith("duplicate: trial 0"))), cell0.toString());
        assertEquals(4, cell0.size() + results.stream().filter(r -> r.get("id").asText().startsWith("genuine/0/")).count());
        Map<String, CellStats> direct = SweepPipelineTest.direct(grid);
        for (CellAggregate r : finals)
            if (r.key().cell() == 1) SweepPipelineTest.assertStatsEqual(direct.get(r.key().kafkaKey()), r.stats(), r.key().kafkaKey());
        assertEquals(1, finals.stream().filter(r -> r.key().cell() == 1).count(), "cell 1 completes once, untouched by the mismatch");
    }

    @Test
    void aKnownGridRejectsAnImpostorPublishedFirst() throws Exception {
        SweepGrid grid = SweepPipelineTest.grid("known", Scaling.RADIUS, List.of(0.9), List.of(Activation.TANH),
                List.of(Precision.NONE), 8, 4, 30);
        SweepJobConfig cfg = SweepRunner.ensureTopics(SweepPipelineTest.config("known", 2).withGrid(grid), 2);
        Map<Integer, Long> specStart = TopicAdmin.endOffsets(kafka.bootstrapServers(), Map.of(), cfg.specsTopic());
        Map<Integer, Long> statsStart = TopicAdmin.endOffsets(kafka.bootstrapServers(), Map.of(), cfg.statsTopic());
        Spec s = grid.spec(0, 0);
        List<byte[][]> in = new ArrayList<>();
        in.add(spec(new Spec(s.id(), 0, 999L, s.definition().withScale(3.0), null)));
        for (Spec g : grid.specs()) in.add(spec(g));
        KafkaTestSupport.sendRaw(kafka.bootstrapServers(), cfg.specsTopic(), in);
        SweepRunner.Outcome o = SweepRunner.runPublished("known", in.size(), cfg, specStart, statsStart, SweepPipelineTest.env(),
                null, System.nanoTime());
        List<JsonNode> dlq = KafkaTestSupport.readAll(kafka.bootstrapServers(), cfg.dlqTopic());
        assertEquals(1, dlq.size(), dlq.toString());
        assertTrue(dlq.get(0).get("error").asText().contains("derived from sweep_seed"), dlq.toString());
        assertEquals(1, o.finals().size());
        SweepPipelineTest.assertStatsEqual(SweepPipelineTest.direct(grid).get("known/0/0.9"), o.finals().get(0).stats(), "known");
    }

    @Test
    void hostileWeightsNeverStopTheMonitorAndLayersAreStructural() throws Exception {
        MonitorJobConfig d = MonitorPipelineTest.config("mhost");
        MonitorJobConfig cfg = new MonitorJobConfig(d.bootstrapServers(), d.weightsTopic(), d.healthTopic(), d.alertsTopic(),
                d.dlqTopic(), d.groupId(), 64, d.checkpointIntervalMs(), d.transactionalIdPrefix(), Map.of(), 2, d.settings(),
                new MonitorJobConfig.Bounds(3_600_000, 5));
        JobClient job = MonitorPipelineTest.start(cfg, null, checkpoints);
        List<byte[][]> in = records(HostileCorpus.weights(22, 150));
        double[] w = new double[9];
        for (int i = 0; i < 9; i++) w[i] = 0.3 * Math.cos(i);
        // two pairs that a concatenated key would confuse, and a step that goes backwards
        for (String[] ml : new String[][] {{"a/b", "c"}, {"a", "b/c"}})
            for (long step : new long[] {100, 200, 150})
                in.add(weights(new Weights(ml[0], ml[1], step, 3, w, Activation.TANH, 20)));
        for (int layer = 0; layer < 7; layer++) in.add(weights(new Weights("cap", "l" + layer, 1, 3, w, Activation.TANH, 20)));
        KafkaTestSupport.sendRaw(kafka.bootstrapServers(), cfg.weightsTopic(), in);

        long out = awaitCount(() -> size(cfg.healthTopic()) + size(cfg.dlqTopic()), in.size());
        Thread.sleep(1_000);
        assertEquals(JobStatus.RUNNING, job.getJobStatus().get(), "the monitor is still running");
        List<JsonNode> health = KafkaTestSupport.readAll(kafka.bootstrapServers(), cfg.healthTopic());
        List<JsonNode> dlq = KafkaTestSupport.readAll(kafka.bootstrapServers(), cfg.dlqTopic());
        job.cancel().get();
        assertEquals(in.size(), out);
        assertEquals(in.size(), health.size() + dlq.size(), "in = health + rejected");
        assertEquals(2, dlq.stream().filter(x -> x.get("error").asText().startsWith("model 'cap' already has 5 layers")).count());
        for (String model : new String[] {"a/b", "a"}) {
            List<JsonNode> h = health.stream().filter(x -> x.get("model").asText().equals(model)).toList();
            assertEquals(3, h.size(), model);
            for (JsonNode x : h) assertEquals(x.get("step").asLong() == 150, x.get("out_of_order").asBoolean(), x.toString());
        }
        assertTrue(health.stream().noneMatch(x -> x.get("model").asText().equals("hm") && x.get("out_of_order").asBoolean()
                && x.get("step").asLong() > 100), "only repeated steps of the corpus layer are out of order");
    }

    static byte[][] weights(Weights w) {
        return new byte[][] {w.key().getBytes(StandardCharsets.UTF_8), Json.bytes(WeightsCodec.encode(w, "f64"))};
    }
}

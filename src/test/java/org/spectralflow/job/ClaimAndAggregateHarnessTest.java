package org.spectralflow.job;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.spectralflow.codec.StatsCodec;
import org.spectralflow.math.Analyzer;
import org.spectralflow.math.CellAccumulator;
import org.spectralflow.model.Activation;
import org.spectralflow.model.Analysis;
import org.spectralflow.model.CellAggregate;
import org.spectralflow.model.CellDefinition;
import org.spectralflow.model.CellKey;
import org.spectralflow.model.Contribution;
import org.spectralflow.model.Precision;
import org.spectralflow.model.RecordOrigin;
import org.spectralflow.model.Scaling;
import org.spectralflow.model.Spec;
import org.spectralflow.model.SweepGrid;
import org.spectralflow.stream.DeadLetters;
import org.spectralflow.stream.OutMessage;

/** The sweep's keyed state with Flink's operator test harness: claims (dedupe, definitions, restore, expiry) and aggregation. */
class ClaimAndAggregateHarnessTest {
    static final SweepGrid GRID = SweepPipelineTest.grid("h", Scaling.RADIUS, List.of(0.9), List.of(Activation.TANH),
            List.of(Precision.NONE), 6, 5, 20);
    static final long TTL = 60_000;

    static SweepJobConfig cfg() {
        SweepJobConfig d = SweepJobConfig.defaults("unused");
        return d.withPartialEvery(2).withResults("h.results")
                .withGuards(new SweepJobConfig.Guards(Map.of(), d.guards().maxRecordBytes(), TTL));
    }

    static Block block(Spec s) {
        return Block.of(s, new byte[] {2}, RecordOrigin.of("sf.specs", 0, s.trial(), null, new byte[] {2}));
    }

    static KeyedOneInputStreamOperatorTestHarness<String, Block, Block> claims() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ClaimBlocks(cfg())),
                Block::gridCell, Types.STRING);
        h.open();
        return h;
    }

    static List<JsonNode> deadLetters(KeyedOneInputStreamOperatorTestHarness<String, Block, Block> h) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        var side = h.getSideOutput(DeadLetters.TAG);
        if (side != null) for (StreamRecord<OutMessage> m : side) out.add(new ObjectMapper().readTree(m.getValue().value()));
        return out;
    }

    /** The trials the claimed parts cover, in order. */
    static List<Long> claimedTrials(KeyedOneInputStreamOperatorTestHarness<String, Block, Block> h) {
        List<Long> t = new ArrayList<>();
        for (Block b : h.extractOutputValues()) for (long k = b.trial(); k < b.end(); k++) t.add(k);
        return t;
    }

    @Test
    void blocksAndTrialsAreClaimedOnceAcrossARestoreAndAnOverlapIsRejected() throws Exception {
        var h = claims();
        Spec whole = GRID.spec(0, 0);
        h.processElement(new StreamRecord<>(block(whole.withTrials(2)))); // trials 0, 1
        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();

        var restored = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ClaimBlocks(cfg())),
                Block::gridCell, Types.STRING);
        restored.initializeState(snapshot);
        restored.open();
        restored.processElement(new StreamRecord<>(block(GRID.spec(0, 1)))); // counted before the snapshot
        restored.processElement(new StreamRecord<>(block(GRID.spec(0, 2).withTrials(3)))); // 2, 3, 4: the cell is complete
        restored.processElement(new StreamRecord<>(block(GRID.spec(0, 0)))); // after the completion
        List<JsonNode> dlq = deadLetters(restored);
        assertEquals(List.of(2L, 3L, 4L), claimedTrials(restored), "only the new block leaves, whole");
        assertEquals(2, dlq.size(), dlq.toString());
        assertTrue(dlq.get(0).get("error").asText().startsWith("duplicate: trial 1 of cell h/0"), dlq.toString());
        assertTrue(dlq.get(1).get("error").asText().startsWith("duplicate: cell h/0 is complete"), dlq.toString());
        assertEquals("Ag==", dlq.get(0).get("payload_b64").asText(), "the rejected spec's payload travels with it");
        assertEquals(3, restored.numKeyedStateEntries(), "a complete cell keeps only its definition, count and last activity");
        restored.close();

        var o = claims();
        o.processElement(new StreamRecord<>(block(GRID.spec(0, 1).withTrials(3)))); // 1, 2, 3
        o.processElement(new StreamRecord<>(block(GRID.spec(0, 0).withTrials(2)))); // overlaps at 1
        o.processElement(new StreamRecord<>(block(GRID.spec(0, 3).withTrials(2)))); // overlaps at 3
        o.processElement(new StreamRecord<>(block(GRID.spec(0, 4))));
        o.processElement(new StreamRecord<>(block(GRID.spec(0, 0))));
        assertEquals(List.of(1L, 2L, 3L, 4L, 0L), claimedTrials(o));
        List<JsonNode> overlaps = deadLetters(o);
        assertEquals(2, overlaps.size(), overlaps.toString());
        assertTrue(overlaps.get(0).get("error").asText().startsWith("duplicate: trial 1 of cell h/0 (id h/0/0-1)"), overlaps.toString());
        assertTrue(overlaps.get(1).get("error").asText().startsWith("duplicate: trial 3 of cell h/0 (id h/0/3-4)"), overlaps.toString());
        o.close();
    }

    @Test
    void aLargeBlockLeavesInPartsThatCoverItExactlyOnce() throws Exception {
        SweepGrid g = SweepPipelineTest.grid("big", Scaling.RADIUS, List.of(0.9), List.of(Activation.LINEAR),
                List.of(Precision.NONE), 8, 1000, 20);
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new ClaimBlocks(cfg().withParallelism(4))),
                Block::gridCell, Types.STRING);
        h.open();
        h.processElement(new StreamRecord<>(block(g.spec(0, 0).withTrials(1000))));
        List<Block> parts = h.extractOutputValues();
        assertEquals(16, parts.size(), "a quarter of each of 4 subtasks' shares: 16 parts of ⌈1000/16⌉ trials");
        List<Long> trials = claimedTrials(h);
        for (int k = 0; k < 1000; k++) assertEquals(k, trials.get(k));
        for (Block p : parts) {
            Spec own = g.spec(0, p.trial()); // a part's first trial has the seed and id it would have had alone
            assertEquals(own.seed(), p.seed());
            assertEquals(Spec.blockId("big", 0, p.trial(), p.trials()), p.id());
        }
        h.close();
    }

    @Test
    void aSpecThatDisagreesWithItsCellIsRejectedNamingTheField() throws Exception {
        var h = claims();
        Spec s = GRID.spec(0, 0), t = GRID.spec(0, 1);
        h.processElement(new StreamRecord<>(block(s)));
        CellDefinition d = t.definition();
        Spec other = new Spec(t.id(), t.trial(), t.seed(), new CellDefinition(d.sweep(), d.cell(), d.cellTrials(), d.sweepSeed(),
                d.ensemble(), d.n(), d.density(), d.scaling(), d.scale(), d.activation(), d.biasStd(), 21, d.delta(), d.precision(),
                d.explode(), d.binWidth(), d.independentJacobians(), d.precisionBudget()), null);
        h.processElement(new StreamRecord<>(block(other)));
        List<JsonNode> dlq = deadLetters(h);
        assertEquals(1, dlq.size());
        assertTrue(dlq.get(0).get("error").asText().startsWith("field 'steps' = 21 disagrees with 20"), dlq.toString());
        h.close();
    }

    @Test
    void aCellIdleForItsTtlIsDroppedAndStartsAfresh() throws Exception {
        var h = claims();
        h.setProcessingTime(0);
        h.processElement(new StreamRecord<>(block(GRID.spec(0, 0))));
        h.setProcessingTime(TTL / 2);
        assertTrue(h.numKeyedStateEntries() > 0, "kept while younger than the TTL");
        h.setProcessingTime(TTL + TTL / 5 + 1);
        assertEquals(0, h.numKeyedStateEntries(), "an idle cell leaves no state behind");
        h.processElement(new StreamRecord<>(block(GRID.spec(0, 0))));
        assertTrue(deadLetters(h).isEmpty(), "after expiry the trial is new again");
        h.close();
    }

    static CellPartial partial(long failed, Spec... trials) {
        CellAccumulator acc = new CellAccumulator();
        CellKey key = null;
        for (Spec s : trials) {
            Analysis a = Analyzer.forCell(s);
            acc.add(Contribution.of(a, s.activation()));
            key = CellKey.of(s, s.bin(a.spectrum().rho()));
        }
        return new CellPartial("h/0", GRID.spec(0, 0).definition(), trials.length, failed,
                key == null ? new CellKey[0] : new CellKey[] {key}, key == null ? new CellAccumulator[0] : new CellAccumulator[] {acc});
    }

    @Test
    void partialsMergeIntoTheFinalOfAllTrialsWhateverTheirGroupingAndFailuresComplete() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new AggregateCells(cfg())),
                CellPartial::gridCell, Types.STRING);
        h.open();
        h.processElement(new StreamRecord<>(partial(0, GRID.spec(0, 3))));
        h.processElement(new StreamRecord<>(partial(0, GRID.spec(0, 0), GRID.spec(0, 4))));
        h.processElement(new StreamRecord<>(partial(1, GRID.spec(0, 1)))); // trial 2 failed: the cell is complete
        List<CellAggregate> stats = new ArrayList<>();
        for (OutMessage m : h.extractOutputValues()) stats.add(StatsCodec.decode(m.value()));
        List<CellAggregate> finals = stats.stream().filter(CellAggregate::isFinal).toList();
        assertEquals(1, finals.size(), stats.toString());
        assertEquals(4, finals.get(0).cellCount());
        CellAccumulator direct = new CellAccumulator();
        for (int k : new int[] {0, 1, 3, 4}) direct.add(Analyzer.forCell(GRID.spec(0, k)), Activation.TANH);
        assertEquals(direct.stats(finals.get(0).key()), finals.get(0).stats(), "exact sums: the grouping does not show");
        assertEquals(List.of(3L), stats.stream().filter(s -> !s.isFinal()).map(CellAggregate::cellCount).toList(),
                "a partial where the count passes a multiple of partialEvery = 2 (1 → 3), none at the final");
        assertEquals(0, h.numKeyedStateEntries(), "nothing of a finished cell remains");
        h.close();
    }
}

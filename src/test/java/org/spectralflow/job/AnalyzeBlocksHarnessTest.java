package org.spectralflow.job;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.spectralflow.math.Analyzer;
import org.spectralflow.math.CellAccumulator;
import org.spectralflow.model.Activation;
import org.spectralflow.model.Precision;
import org.spectralflow.model.Scaling;
import org.spectralflow.model.Spec;
import org.spectralflow.model.SweepGrid;
import org.spectralflow.stream.DeadLetters;

/** The analysing, pre-aggregating operator with Flink's operator test harness: what it ships, when, and what a failed trial costs. */
class AnalyzeBlocksHarnessTest {
    static final SweepGrid GRID = SweepPipelineTest.grid("a", Scaling.RADIUS, List.of(0.9), List.of(Activation.TANH),
            List.of(Precision.NONE), 6, 1000, 20);

    static OneInputStreamOperatorTestHarness<Block, CellPartial> harness(SweepJobConfig cfg) throws Exception {
        var h = new OneInputStreamOperatorTestHarness<>(new AnalyzeBlocks(cfg));
        h.setProcessingTime(0);
        h.open();
        return h;
    }

    static Block part(long from, long count) {
        return ClaimAndAggregateHarnessTest.block(GRID.spec(0, from).withTrials(count));
    }

    @Test
    void nothingGatheredStraddlesABarrierAndShippedSumsAreTheCoresOwn() throws Exception {
        var h = harness(SweepJobConfig.defaults("unused").withPartialEvery(1_000_000));
        h.processElement(new StreamRecord<>(part(0, 3)));
        h.processElement(new StreamRecord<>(part(10, 2)));
        assertTrue(h.extractOutputValues().isEmpty(), "gathered, not yet shipped");
        h.prepareSnapshotPreBarrier(1);
        List<CellPartial> shipped = h.extractOutputValues();
        assertEquals(1, shipped.size(), "one partial for the cell, before the barrier");
        CellPartial p = shipped.get(0);
        assertEquals(5, p.counted());
        assertEquals(0, p.failed());
        CellAccumulator direct = new CellAccumulator();
        for (long k : new long[] {0, 1, 2, 10, 11}) direct.add(Analyzer.forCell(GRID.spec(0, k)), Activation.TANH);
        assertEquals(1, p.keys().length);
        assertEquals(direct.stats(p.keys()[0]), p.accumulators()[0].stats(p.keys()[0]), "each trial with its own seed");

        h.processElement(new StreamRecord<>(part(20, 1)));
        h.setProcessingTime(AnalyzeBlocks.FLUSH_MS);
        assertEquals(2, h.extractOutputValues().size(), "shipped within a second without a checkpoint");
        assertEquals(1, h.extractOutputValues().get(1).counted());
        h.close();
    }

    @Test
    void aTrialWhoseAnalysisFailsIsOneDeadLetterAndCountsAsFailed() throws Exception {
        SweepJobConfig d = SweepJobConfig.defaults("unused");
        SweepJobConfig tiny = d.withResults("a.results").withPartialEvery(1_000_000)
                .withGuards(new SweepJobConfig.Guards(Map.of(), 100, d.guards().cellTtlMs()));
        var h = harness(tiny);
        h.processElement(new StreamRecord<>(part(4, 3)));
        h.endInput();
        List<CellPartial> shipped = h.extractOutputValues();
        assertEquals(1, shipped.size());
        assertEquals(0, shipped.get(0).counted());
        assertEquals(3, shipped.get(0).failed(), "the cell can still complete");
        var dead = h.getSideOutput(DeadLetters.TAG);
        assertEquals(3, dead.size());
        int k = 4;
        for (var m : dead) {
            String error = new com.fasterxml.jackson.databind.ObjectMapper().readTree(m.getValue().value()).get("error").asText();
            assertTrue(error.startsWith("trial " + k++ + " of the block: its analysis is "), error);
        }
        assertNull(h.getSideOutput(AnalyzeBlocks.RESULTS), "no result of a failed trial");
        h.close();
    }

    @Test
    void aCellShipsOnceItHasGatheredItsShareOfAPartial() throws Exception {
        var h = harness(SweepJobConfig.defaults("unused").withPartialEvery(4).withParallelism(2)); // share: 2 trials
        h.processElement(new StreamRecord<>(part(0, 5)));
        assertEquals(List.of(2L, 2L), h.extractOutputValues().stream().map(CellPartial::counted).toList());
        h.endInput();
        assertEquals(List.of(2L, 2L, 1L), h.extractOutputValues().stream().map(CellPartial::counted).toList());
        Spec s = GRID.spec(0, 0);
        assertEquals(s.definition(), h.extractOutputValues().get(0).definition());
        h.close();
    }
}

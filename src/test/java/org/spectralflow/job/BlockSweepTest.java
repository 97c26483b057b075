package org.spectralflow.job;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spectralflow.codec.Json;
import org.spectralflow.codec.SpecCodec;
import org.spectralflow.model.Activation;
import org.spectralflow.model.CellAggregate;
import org.spectralflow.model.CellStats;
import org.spectralflow.model.Precision;
import org.spectralflow.model.Scaling;
import org.spectralflow.model.Spec;
import org.spectralflow.model.SweepGrid;
import org.spectralflow.stream.OutMessage;

/**
 * Spec blocks through the real job on a MiniCluster: a grid published in blocks of any size gives
 * bit-for-bit the finals of the same grid published trial by trial, at parallelism 1 and 2, equal to
 * the core's own computation; replays and overlaps are dead letters.
 */
class BlockSweepTest extends FlinkTestBase {
    static final SweepGrid GRID = SweepPipelineTest.grid("blk", Scaling.GAIN, List.of(0.9, 1.1), List.of(Activation.TANH),
            List.of(Precision.NONE), 10, 37, 30);

    static List<byte[][]> records(Iterable<Spec> specs) {
        List<byte[][]> out = new ArrayList<>();
        for (Spec s : specs) out.add(new byte[][] {SweepJobLogicTest.json(s.id()), Json.bytes(SpecCodec.encode(s))});
        return out;
    }

    @Test
    void blocksOfAnySizeGiveTheFinalsOfTrialByTrialAtAnyParallelism() throws Exception {
        List<CellAggregate> byTrial = SweepJobLogicTest.finals(SweepJobLogicTest.run(SweepJobLogicTest.config(1), records(GRID.specs())));
        Map<String, CellStats> core = SweepPipelineTest.direct(GRID);
        assertEquals(core.size(), byTrial.size());
        for (CellAggregate r : byTrial) SweepPipelineTest.assertStatsEqual(core.get(r.key().kafkaKey()), r.stats(), r.key().kafkaKey());
        for (long block : new long[] {0, 5, 37}) {
            for (int p : new int[] {1, 2}) {
                List<byte[][]> in = records(GRID.blocks(block, 2));
                assertEquals(block == 0 ? 4 : block == 5 ? 16 : 2, in.size(), "records for 2 cells of 37 trials, blocks of " + block);
                List<CellAggregate> f = SweepJobLogicTest.finals(SweepJobLogicTest.run(SweepJobLogicTest.config(p), in));
                assertEquals(byTrial.size(), f.size());
                for (int i = 0; i < f.size(); i++) {
                    assertEquals(byTrial.get(i).key(), f.get(i).key());
                    assertEquals(byTrial.get(i).cellCount(), f.get(i).cellCount());
                    assertEquals(byTrial.get(i).stats(), f.get(i).stats(), "bit-identical: blocks of " + block + " at parallelism " + p);
                }
            }
        }
    }

    @Test
    void aReplayedOrOverlappingBlockIsADeadLetterAndTheCellsAreStillExact() throws Exception {
        List<byte[][]> in = records(GRID.blocks(10, 1));
        Spec replay = GRID.spec(1, 10).withTrials(10), overlap = GRID.spec(0, 5).withTrials(10), late = GRID.spec(0, 36);
        in.addAll(records(List.of(replay, overlap, late)));
        List<OutMessage> out = SweepJobLogicTest.run(SweepJobLogicTest.config(1), in); // in order: the replays come last
        List<JsonNode> dlq = SweepJobLogicTest.deadLetters(out);
        assertEquals(3, dlq.size(), dlq.toString());
        for (JsonNode d : dlq) assertTrue(d.get("error").asText().startsWith("duplicate: "), d.toString());
        List<CellAggregate> f = SweepJobLogicTest.finals(out);
        assertEquals(GRID.size(), f.stream().mapToLong(s -> s.stats().count()).sum(), "every trial counted once");
        Map<String, CellStats> core = SweepPipelineTest.direct(GRID);
        for (CellAggregate r : f) SweepPipelineTest.assertStatsEqual(core.get(r.key().kafkaKey()), r.stats(), r.key().kafkaKey());
    }
}

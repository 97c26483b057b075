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
import org.spectralflow.math.Analyzer;
import org.spectralflow.model.Activation;
import org.spectralflow.model.Analysis;
import org.spectralflow.model.CellDefinition;
import org.spectralflow.model.CellKey;
import org.spectralflow.model.Contribution;
import org.spectralflow.model.Precision;
import org.spectralflow.model.RecordOrigin;
import org.spectralflow.model.Scaling;
import org.spectralflow.model.Spec;
import org.spectralflow.model.SweepGrid;
import org.spectralflow.stream.OutMessage;

/** The sweep's keyed state with Flink's operator test harness: completion, dedupe, definitions, restore and expiry. */
class AggregateCellsHarnessTest {
    static final SweepGrid GRID = SweepPipelineTest.grid("h", Scaling.RADIUS, List.of(0.9), List.of(Activation.TANH),
            List.of(Precision.NONE), 6, 5, 20);
    static final long TTL = 60_000;

    static SweepJobConfig cfg() {
        SweepJobConfig d = SweepJobConfig.defaults("unused");
        return d.withPartialEvery(2).withResults("h.results")
                .withGuards(new SweepJobConfig.Guards(Map.of(), d.guards().maxRecordBytes(), TTL));
    }

    static TrialResult trial(Spec s) {
        Analysis a = Analyzer.analyze(s);
        return new TrialResult(CellKey.of(s, s.bin(a.spectrum().rho())), s.definition(), s.trial(), s.id(),
                Contribution.of(a, s.activation()), new byte[] {1}, RecordOrigin.of("sf.specs", 0, s.trial(), null, new byte[] {2}));
    }

    static KeyedOneInputStreamOperatorTestHarness<String, TrialResult, OutMessage> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new AggregateCells(cfg())),
                TrialResult::gridCell, Types.STRING);
        h.open();
        return h;
    }

    static List<JsonNode> on(KeyedOneInputStreamOperatorTestHarness<String, TrialResult, OutMessage> h, String topic) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (OutMessage m : h.extractOutputValues())
            if (m.topic().equals(topic) && m.value().length > 1) out.add(new ObjectMapper().readTree(m.value()));
        return out;
    }

    @Test
    void oneFinalOnceAllTrialsAreInAndDuplicatesAcrossARestoreAreRejected() throws Exception {
        var h = harness();
        for (int k = 0; k < 3; k++) h.processElement(new StreamRecord<>(trial(GRID.spec(0, k))));
        OperatorSubtaskState snapshot = h.snapshot(1, 1);
        h.close();

        var restored = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(new AggregateCells(cfg())),
                TrialResult::gridCell, Types.STRING);
        restored.initializeState(snapshot);
        restored.open();
        restored.processElement(new StreamRecord<>(trial(GRID.spec(0, 1)))); // counted before the snapshot
        restored.processElement(new StreamRecord<>(trial(GRID.spec(0, 3))));
        restored.processElement(new StreamRecord<>(trial(GRID.spec(0, 4))));
        restored.processElement(new StreamRecord<>(trial(GRID.spec(0, 0)))); // after the final
        List<JsonNode> stats = on(restored, "sf.stats"), dlq = on(restored, "sf.dlq");
        assertEquals(1, stats.stream().filter(s -> s.get("final").asBoolean()).count());
        JsonNode fin = stats.stream().filter(s -> s.get("final").asBoolean()).findFirst().orElseThrow();
        assertEquals(5, fin.get("count").asLong(), "the two trials before and three after the restore");
        assertEquals(2, dlq.size(), dlq.toString());
        assertTrue(dlq.get(0).get("error").asText().startsWith("duplicate: trial 1 of cell h/0"), dlq.toString());
        assertTrue(dlq.get(1).get("error").asText().startsWith("duplicate: cell h/0 is complete"), dlq.toString());
        assertEquals(1, dlq.get(0).get("payload_bytes").asInt(), "the rejected spec's payload travels with it");
        assertEquals("Ag==", dlq.get(0).get("payload_b64").asText());
        assertEquals(2, restored.extractOutputValues().stream().filter(m -> m.topic().equals("h.results")).count());
        restored.close();
    }

    @Test
    void aSpecThatDisagreesWithItsCellIsRejectedNamingTheField() throws Exception {
        var h = harness();
        Spec s = GRID.spec(0, 0), t = GRID.spec(0, 1);
        h.processElement(new StreamRecord<>(trial(s)));
        CellDefinition d = t.definition();
        Spec other = new Spec(t.id(), t.trial(), t.seed(), new CellDefinition(d.sweep(), d.cell(), d.cellTrials(), d.sweepSeed(),
                d.ensemble(), d.n(), d.density(), d.scaling(), d.scale(), d.activation(), d.biasStd(), 21, d.delta(), d.precision(),
                d.explode(), d.binWidth(), d.independentJacobians(), d.precisionBudget()), null);
        h.processElement(new StreamRecord<>(trial(other)));
        List<JsonNode> dlq = on(h, "sf.dlq");
        assertEquals(1, dlq.size());
        assertTrue(dlq.get(0).get("error").asText().startsWith("field 'steps' = 21 disagrees with 20"), dlq.toString());
        h.close();
    }

    @Test
    void aCellIdleForItsTtlIsDroppedAndStartsAfresh() throws Exception {
        var h = harness();
        h.setProcessingTime(0);
        h.processElement(new StreamRecord<>(trial(GRID.spec(0, 0))));
        h.setProcessingTime(TTL / 2);
        assertTrue(h.numKeyedStateEntries() > 0, "kept while younger than the TTL");
        h.setProcessingTime(TTL + TTL / 5 + 1);
        assertEquals(0, h.numKeyedStateEntries(), "an idle cell leaves no state behind");
        h.processElement(new StreamRecord<>(trial(GRID.spec(0, 0))));
        assertTrue(on(h, "sf.dlq").isEmpty(), "after expiry the trial is new again");
        h.close();
    }
}

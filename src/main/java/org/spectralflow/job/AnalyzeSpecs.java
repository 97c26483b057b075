package org.spectralflow.job;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.spectralflow.codec.InvalidRecordException;
import org.spectralflow.codec.Json;
import org.spectralflow.codec.ResultCodec;
import org.spectralflow.codec.SpecCodec;
import org.spectralflow.math.Analyzer;
import org.spectralflow.model.Analysis;
import org.spectralflow.model.CellDefinition;
import org.spectralflow.model.CellKey;
import org.spectralflow.model.Contribution;
import org.spectralflow.model.Spec;
import org.spectralflow.model.SweepGrid;
import org.spectralflow.stream.DeadLetters;
import org.spectralflow.stream.RawRecord;

/**
 * Decode a spec, check it against its sweep's grid when the job knows it, draw its matrix from its
 * seed, analyse it. Total: whatever the record holds, it yields one trial or one dead letter.
 */
final class AnalyzeSpecs extends ProcessFunction<RawRecord, TrialResult> {
    private final SweepJobConfig cfg;
    private transient LongCounter analysed, rejected;

    AnalyzeSpecs(SweepJobConfig cfg) {
        this.cfg = cfg;
    }

    @Override
    public void open(OpenContext context) {
        analysed = getRuntimeContext().getLongCounter(JobCounters.ANALYSED);
        rejected = getRuntimeContext().getLongCounter(JobCounters.REJECTED);
    }

    @Override
    public void processElement(RawRecord r, Context ctx, Collector<TrialResult> out) {
        TrialResult t;
        try {
            t = analyze(r);
        } catch (RuntimeException | StackOverflowError e) {
            ctx.output(DeadLetters.TAG, DeadLetters.of(cfg.dlqTopic(), r.origin(), DeadLetters.reason(e)));
            if (rejected != null) rejected.add(1);
            return;
        }
        out.collect(t);
        if (analysed != null) analysed.add(1);
    }

    private TrialResult analyze(RawRecord r) {
        Spec spec = SpecCodec.decode(r.value(), cfg.maxN());
        SweepGrid grid = cfg.guards().grids().get(spec.sweep());
        if (grid != null) checkAgainstGrid(spec, grid);
        // without a results record the cell's half of the analysis is all that is used
        Analysis a = cfg.resultsTopic() != null ? Analyzer.analyze(spec) : Analyzer.forCell(spec);
        byte[] result = null;
        if (cfg.resultsTopic() != null) {
            result = Json.bytes(ResultCodec.encode(spec, a));
            if (result.length > cfg.guards().maxRecordBytes())
                throw new InvalidRecordException("its analysis is " + result.length + " bytes, above the "
                        + cfg.guards().maxRecordBytes() + " bytes a record may have on " + cfg.resultsTopic()
                        + " (fewer steps make it smaller)");
        }
        CellKey key = CellKey.of(spec, spec.bin(a.spectrum().rho()));
        return new TrialResult(key, spec.definition(), spec.trial(), spec.id(), Contribution.of(a, spec.activation()),
                result, r.origin());
    }

    /** A spec of a sweep whose grid is known must be the grid's spec of its (cell, trial), field for field. */
    static void checkAgainstGrid(Spec spec, SweepGrid grid) {
        if (spec.cell() >= grid.cells())
            throw new InvalidRecordException("cell " + spec.cell() + " is not in sweep " + grid.sweep() + "'s grid (cells 0 to "
                    + (grid.cells() - 1) + ")");
        if (spec.trial() >= grid.trials())
            throw new InvalidRecordException("trial " + spec.trial() + " is not in sweep " + grid.sweep() + "'s grid (trials 0 to "
                    + (grid.trials() - 1) + ")");
        Spec want = grid.spec(spec.cell(), spec.trial());
        String differs = spec.definition().disagreement(want.definition(), "sweep " + grid.sweep() + "'s grid");
        if (differs != null) throw new InvalidRecordException(differs);
        if (spec.seed() != want.seed())
            throw new InvalidRecordException("field 'seed' = " + spec.seed() + " is not the grid's seed " + want.seed()
                    + " of trial " + spec.trial() + " of cell " + spec.cell());
        if (!spec.id().equals(want.id()))
            throw new InvalidRecordException("field 'id' is not the grid's id '" + want.id() + "'");
        if (spec.data() != null) throw new InvalidRecordException("field 'data': sweep " + grid.sweep() + "'s grid draws its matrices");
    }
}

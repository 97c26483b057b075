package org.spectralflow.job;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.spectralflow.codec.InvalidRecordException;
import org.spectralflow.codec.SpecCodec;
import org.spectralflow.model.Spec;
import org.spectralflow.model.SweepGrid;
import org.spectralflow.stream.DeadLetters;
import org.spectralflow.stream.RawRecord;

/**
 * Decode a spec (one trial or a block) and check it against its sweep's grid when the job knows
 * it. Total: whatever the record holds, it yields one block or one dead letter.
 */
final class DecodeSpecs extends ProcessFunction<RawRecord, Block> {
    private final SweepJobConfig cfg;
    private transient LongCounter rejected;
    private transient ShuffleMeter<Block> shuffle;

    DecodeSpecs(SweepJobConfig cfg) {
        this.cfg = cfg;
    }

    @Override
    public void open(OpenContext context) {
        rejected = getRuntimeContext().getLongCounter(JobCounters.REJECTED);
        shuffle = new ShuffleMeter<>(getRuntimeContext(), TypeInformation.of(Block.class), "blocks");
    }

    @Override
    public void processElement(RawRecord r, Context ctx, Collector<Block> out) {
        Block b;
        long trials = -1; // known once the record decodes
        try {
            Spec spec = SpecCodec.decode(r.value(), cfg.maxN());
            trials = spec.trials();
            SweepGrid grid = cfg.guards().grid(spec.sweep());
            if (grid != null) checkAgainstGrid(spec, grid);
            else if (cfg.guards().localGrids()) // the service's standing job: a spec it was not handed could claim a sweep's trials first
                throw new InvalidRecordException("sweep '" + spec.sweep() + "' is not running on the local service: its standing job "
                        + "takes only the specs of the sweeps handed to the service");
            b = Block.of(spec, r.value(), r.origin());
        } catch (RuntimeException | StackOverflowError e) {
            ctx.output(DeadLetters.TAG, DeadLetters.of(cfg.dlqTopic(), r.origin(), DeadLetters.reason(e), "decode", trials));
            if (rejected != null) rejected.add(1);
            return;
        }
        out.collect(b);
        if (shuffle != null) shuffle.count(b);
    }

    /** A spec of a sweep whose grid is known must be the grid's spec of its (cell, trials), field for field. */
    static void checkAgainstGrid(Spec spec, SweepGrid grid) {
        if (spec.cell() >= grid.cells())
            throw new InvalidRecordException("cell " + spec.cell() + " is not in sweep " + grid.sweep() + "'s grid (cells 0 to "
                    + (grid.cells() - 1) + ")");
        if (spec.end() > grid.trials())
            throw new InvalidRecordException("trial " + (spec.end() - 1) + " is not in sweep " + grid.sweep() + "'s grid (trials 0 to "
                    + (grid.trials() - 1) + ")");
        Spec want = grid.spec(spec.cell(), spec.trial());
        String differs = spec.definition().disagreement(want.definition(), "sweep " + grid.sweep() + "'s grid");
        if (differs != null) throw new InvalidRecordException(differs);
        if (spec.seed() != want.seed())
            throw new InvalidRecordException("field 'seed' = " + spec.seed() + " is not the grid's seed " + want.seed()
                    + " of trial " + spec.trial() + " of cell " + spec.cell());
        String id = Spec.blockId(grid.sweep(), spec.cell(), spec.trial(), spec.trials());
        if (!spec.id().equals(id)) throw new InvalidRecordException("field 'id' is not the grid's id '" + id + "'");
        if (spec.data() != null) throw new InvalidRecordException("field 'data': sweep " + grid.sweep() + "'s grid draws its matrices");
    }
}

package org.spectralflow.job;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.spectralflow.model.CellDefinition;
import org.spectralflow.model.Limits;
import org.spectralflow.stream.DeadLetters;

/**
 * Per grid cell, before any work is done: the cell's definition (fixed by its first block; a
 * disagreeing spec is rejected naming the field), which trials were claimed ({@link TrialSet}:
 * O(blocks), never more than a bitset, at most {@link Limits#MAX_CLAIM_BYTES}), so that a trial
 * already claimed — a replayed or overlapping block, any trial of a complete cell — is rejected
 * before it is analysed. An accepted block leaves split into parts small enough to spread over
 * every subtask and for a checkpoint barrier to pass between two of them. Once every trial
 * of the cell is claimed only the definition and the count remain. A cell that receives nothing
 * for the configured time is dropped.
 */
final class ClaimBlocks extends KeyedProcessFunction<String, Block, Block> {
    /**
     * Most multiply-adds of one part (a tenth of a second of a core or so): small enough to spread
     * a block's trials and for a checkpoint barrier to wait behind one, large enough that a part's
     * record (about 750 bytes) is nothing next to its work.
     */
    static final long PART_WORK = 1L << 26;

    private final SweepJobConfig cfg;
    private transient ValueState<CellDefinition> definition;
    private transient MapState<Long, long[]> claimed;
    private transient ValueState<Long> count, claimLongs, lastActive;
    private transient LongCounter rejected;
    private transient ShuffleMeter<Block> shuffle;

    ClaimBlocks(SweepJobConfig cfg) {
        this.cfg = cfg;
    }

    @Override
    public void open(OpenContext context) {
        definition = getRuntimeContext().getState(new ValueStateDescriptor<>("definition", TypeInformation.of(CellDefinition.class)));
        claimed = getRuntimeContext().getMapState(new MapStateDescriptor<>("claimed-buckets", Types.LONG,
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        claimLongs = getRuntimeContext().getState(new ValueStateDescriptor<>("claim-longs", Types.LONG));
        lastActive = getRuntimeContext().getState(new ValueStateDescriptor<>("last-active", Types.LONG));
        rejected = getRuntimeContext().getLongCounter(JobCounters.REJECTED);
        shuffle = new ShuffleMeter<>(getRuntimeContext(), TypeInformation.of(Block.class), "parts");
    }

    @Override
    public void processElement(Block b, Context ctx, Collector<Block> out) throws Exception {
        String rejection;
        try {
            rejection = claim(b);
        } catch (RuntimeException e) {
            rejection = DeadLetters.reason(e);
        }
        if (rejection != null) {
            ctx.output(DeadLetters.TAG, DeadLetters.of(cfg.dlqTopic(), b.origin(), rejection, "claim", b.trials()));
            if (rejected != null) rejected.add(1);
            return;
        }
        long size = partTrials(b, cfg.parallelism());
        for (long from = b.trial(); from < b.end(); from += size) {
            Block part = b.part(from, Math.min(size, b.end() - from));
            out.collect(part);
            if (shuffle != null) shuffle.count(part);
        }
        IdleCells.touch(ctx.timerService(), lastActive, cfg.guards().cellTtlMs());
    }

    /** Claims the block's trials; returns the reason when it must be rejected instead. */
    private String claim(Block b) throws Exception {
        CellDefinition def = definition.value();
        if (def != null) {
            String differs = b.definition().disagreement(def, "the cell's earlier trials");
            if (differs != null) return differs + " (spec " + b.id() + ")";
        }
        long trials = b.definition().cellTrials();
        long c = count.value() == null ? 0 : count.value();
        String what = b.trials() == 1 ? "trial " + b.trial() : "trials " + b.trial() + " to " + (b.end() - 1);
        if (c >= trials)
            return "duplicate: cell " + b.gridCell() + " is complete (all " + trials + " trials counted); " + what + " (id "
                    + b.id() + ") " + (b.trials() == 1 ? "was" : "were") + " counted before";
        TrialSet.Buckets store = store();
        long first = TrialSet.firstCounted(store, b.trial(), b.end());
        if (first >= 0)
            return "duplicate: trial " + first + " of cell " + b.gridCell() + " (id " + b.id() + ") was already counted";
        long longs = claimLongs.value() == null ? 0 : claimLongs.value();
        if (longs * 8 >= Limits.MAX_CLAIM_BYTES)
            return "cell " + b.gridCell() + "'s counted trials are fragmented into " + longs * 8 + " bytes of ranges and bitsets, "
                    + "the most a cell may keep (" + Limits.MAX_CLAIM_BYTES + "): publish its trials in contiguous blocks";

        if (def == null) definition.update(b.definition());
        c += b.trials();
        count.update(c);
        if (c == trials) {
            claimed.clear(); // the count alone now rejects every further trial
            claimLongs.clear();
        } else {
            claimLongs.update(longs + TrialSet.add(store, b.trial(), b.end()));
        }
        return null;
    }

    private TrialSet.Buckets store() {
        return new TrialSet.Buckets() {
            @Override
            public long[] get(long bucket) throws Exception {
                return claimed.get(bucket);
            }

            @Override
            public void put(long bucket, long[] value) throws Exception {
                claimed.put(bucket, value);
            }
        };
    }

    /**
     * Trials per part: a quarter of the block's share of each subtask, so that every subtask gets
     * work, at most {@link #PART_WORK} of it; a given matrix's block stays whole (each part would
     * carry the matrix).
     */
    static long partTrials(Block b, int parallelism) {
        if (b.given() != null) return b.trials();
        long share = Math.max(1, (b.trials() + 4L * parallelism - 1) / (4L * parallelism));
        return Math.max(1, Math.min(share, PART_WORK / b.definition().work()));
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<Block> out) throws Exception {
        if (!IdleCells.expired(timestamp, lastActive, cfg.guards().cellTtlMs())) return;
        definition.clear();
        claimed.clear();
        count.clear();
        claimLongs.clear();
        lastActive.clear();
    }
}

package org.spectralflow.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
import org.spectralflow.codec.Json;
import org.spectralflow.codec.StatsCodec;
import org.spectralflow.math.CellAccumulator;
import org.spectralflow.model.CellAggregate;
import org.spectralflow.model.CellDefinition;
import org.spectralflow.model.CellKey;
import org.spectralflow.stream.DeadLetters;
import org.spectralflow.stream.OutMessage;

/**
 * Per grid cell: the cell's definition (fixed by its first trial; a disagreeing spec is rejected
 * naming the field), which trials were counted (a bitset in 512-byte chunks, allocated as trials
 * arrive: at most cell_trials bits), exact accumulators per ρ bin, a partial aggregate every
 * {@code partialEvery} trials, and one final per bin once the cell holds all its trials. After the
 * final only the definition and the count remain, so that a replayed spec is still rejected. A cell
 * that receives nothing for the configured time is dropped.
 */
final class AggregateCells extends KeyedProcessFunction<String, TrialResult, OutMessage> {
    /** Trials per bitset chunk: 64 longs. */
    static final int CHUNK_BITS = 4096;

    private final SweepJobConfig cfg;
    private transient ValueState<CellDefinition> definition;
    private transient MapState<Long, long[]> seen;
    private transient ValueState<Long> count;
    private transient MapState<String, CellAccumulator> bins;
    private transient MapState<String, CellKey> keys;
    private transient ValueState<Long> lastActive;

    AggregateCells(SweepJobConfig cfg) {
        this.cfg = cfg;
    }

    @Override
    public void open(OpenContext context) {
        definition = getRuntimeContext().getState(new ValueStateDescriptor<>("definition", TypeInformation.of(CellDefinition.class)));
        seen = getRuntimeContext().getMapState(new MapStateDescriptor<>("seen-chunks", Types.LONG,
                PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        bins = getRuntimeContext().getMapState(new MapStateDescriptor<>("bins", Types.STRING,
                TypeInformation.of(CellAccumulator.class)));
        keys = getRuntimeContext().getMapState(new MapStateDescriptor<>("keys", Types.STRING, TypeInformation.of(CellKey.class)));
        lastActive = getRuntimeContext().getState(new ValueStateDescriptor<>("last-active", Types.LONG));
    }

    @Override
    public void processElement(TrialResult t, Context ctx, Collector<OutMessage> out) throws Exception {
        String rejection;
        try {
            rejection = accept(t, out);
        } catch (RuntimeException e) {
            rejection = DeadLetters.reason(e);
        }
        if (rejection != null) {
            out.collect(DeadLetters.of(cfg.dlqTopic(), t.origin(), rejection));
            return;
        }
        long ttl = cfg.guards().cellTtlMs();
        if (ttl > 0) {
            long now = ctx.timerService().currentProcessingTime();
            lastActive.update(now);
            // one timer per tenth of the TTL at most, however many trials arrive
            long slot = Math.max(1, ttl / 10);
            ctx.timerService().registerProcessingTimeTimer(((now + ttl) / slot + 1) * slot);
        }
    }

    /** Counts the trial and emits what it completes; returns the reason when it must be rejected instead. */
    private String accept(TrialResult t, Collector<OutMessage> out) throws Exception {
        CellDefinition def = definition.value();
        if (def != null) {
            String differs = t.definition().disagreement(def, "the cell's earlier trials");
            if (differs != null) return differs + " (spec " + t.id() + ")";
        }
        long trials = t.definition().cellTrials(), k = t.trial();
        long c = count.value() == null ? 0 : count.value();
        if (c >= trials)
            return "duplicate: cell " + t.gridCell() + " is complete (all " + trials + " trials counted); trial " + k + " (id "
                    + t.id() + ") was counted before";
        long chunk = k / CHUNK_BITS;
        int bit = (int) (k % CHUNK_BITS);
        long[] bits = seen.get(chunk);
        if (bits == null) bits = new long[CHUNK_BITS / 64];
        if ((bits[bit >>> 6] & (1L << bit)) != 0)
            return "duplicate: trial " + k + " of cell " + t.gridCell() + " (id " + t.id() + ") was already counted";

        if (def == null) definition.update(t.definition());
        bits[bit >>> 6] |= 1L << bit;
        seen.put(chunk, bits);
        count.update(++c);
        if (t.result() != null) out.collect(new OutMessage(cfg.resultsTopic(), t.id(), t.result()));

        String bin = t.key().bin();
        CellAccumulator acc = bins.get(bin);
        if (acc == null) {
            acc = new CellAccumulator();
            keys.put(bin, t.key());
        }
        acc.add(t.contribution());
        bins.put(bin, acc);

        if (c == trials) {
            List<Map.Entry<String, CellAccumulator>> all = new ArrayList<>();
            for (Map.Entry<String, CellAccumulator> e : bins.entries()) all.add(e);
            all.sort(Map.Entry.comparingByKey());
            for (Map.Entry<String, CellAccumulator> e : all)
                out.collect(stats(keys.get(e.getKey()), trials, c, true, e.getValue()));
            bins.clear();
            keys.clear();
            seen.clear(); // the count alone now rejects every further trial
        } else if (c % partialEvery(trials) == 0) {
            out.collect(stats(t.key(), trials, c, false, acc));
        }
        return null;
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OutMessage> out) throws Exception {
        Long last = lastActive.value();
        if (last == null || timestamp - last < cfg.guards().cellTtlMs()) return;
        definition.clear();
        seen.clear();
        count.clear();
        bins.clear();
        keys.clear();
        lastActive.clear();
    }

    private long partialEvery(long cellTrials) {
        return cfg.partialEvery() > 0 ? cfg.partialEvery() : Math.max(1, cellTrials / 10);
    }

    private OutMessage stats(CellKey key, long cellTrials, long cellCount, boolean isFinal, CellAccumulator acc) {
        CellAggregate r = new CellAggregate(key, cellTrials, cellCount, isFinal, acc.stats(key));
        return new OutMessage(cfg.statsTopic(), key.kafkaKey(), Json.bytes(StatsCodec.encode(r)));
    }
}

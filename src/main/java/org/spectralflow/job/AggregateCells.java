package org.spectralflow.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.spectralflow.codec.Json;
import org.spectralflow.codec.StatsCodec;
import org.spectralflow.math.CellAccumulator;
import org.spectralflow.model.CellAggregate;
import org.spectralflow.model.CellKey;
import org.spectralflow.stream.OutMessage;

/**
 * Per grid cell: the merged partials of its subtasks (exact accumulators per ρ bin, so the result
 * does not depend on how the trials were grouped), the trials counted and failed, a partial
 * aggregate each time the count passes a multiple of {@code partialEvery} (a tenth of the cell by
 * default) for the bins the partial touched, and one final per bin once every trial of the cell is
 * counted or failed. The trials were claimed before they were analysed ({@link ClaimBlocks}), so
 * nothing here can count twice; after the final nothing of the cell remains. A cell that receives
 * nothing for the configured time is dropped.
 */
final class AggregateCells extends KeyedProcessFunction<String, CellPartial, OutMessage> {
    private final SweepJobConfig cfg;
    private transient ValueState<Long> count, failed, lastActive;
    private transient MapState<String, CellAccumulator> bins;
    private transient MapState<String, CellKey> keys;

    AggregateCells(SweepJobConfig cfg) {
        this.cfg = cfg;
    }

    @Override
    public void open(OpenContext context) {
        count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        failed = getRuntimeContext().getState(new ValueStateDescriptor<>("failed", Types.LONG));
        bins = getRuntimeContext().getMapState(new MapStateDescriptor<>("bins", Types.STRING,
                TypeInformation.of(CellAccumulator.class)));
        keys = getRuntimeContext().getMapState(new MapStateDescriptor<>("keys", Types.STRING, TypeInformation.of(CellKey.class)));
        lastActive = getRuntimeContext().getState(new ValueStateDescriptor<>("last-active", Types.LONG));
    }

    @Override
    public void processElement(CellPartial p, Context ctx, Collector<OutMessage> out) throws Exception {
        long trials = p.definition().cellTrials();
        long before = count.value() == null ? 0 : count.value();
        long c = before + p.counted(), f = (failed.value() == null ? 0 : failed.value()) + p.failed();
        for (int i = 0; i < p.keys().length; i++) {
            String bin = p.keys()[i].bin();
            CellAccumulator acc = bins.get(bin);
            if (acc == null) {
                acc = new CellAccumulator();
                keys.put(bin, p.keys()[i]);
            }
            acc.merge(p.accumulators()[i]);
            bins.put(bin, acc);
        }
        if (c + f >= trials) {
            List<Map.Entry<String, CellAccumulator>> all = new ArrayList<>();
            for (Map.Entry<String, CellAccumulator> e : bins.entries()) all.add(e);
            all.sort(Map.Entry.comparingByKey());
            for (Map.Entry<String, CellAccumulator> e : all) out.collect(stats(keys.get(e.getKey()), trials, c, true, e.getValue()));
            clear();
            return;
        }
        count.update(c);
        failed.update(f);
        long every = partialEvery(trials);
        if (c / every > before / every)
            for (CellKey k : p.keys()) out.collect(stats(k, trials, c, false, bins.get(k.bin())));
        IdleCells.touch(ctx.timerService(), lastActive, cfg.guards().cellTtlMs());
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OutMessage> out) throws Exception {
        if (!IdleCells.expired(timestamp, lastActive, cfg.guards().cellTtlMs())) return;
        clear();
    }

    private void clear() {
        count.clear();
        failed.clear();
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

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
import org.spectralflow.codec.DeadLetterCodec;
import org.spectralflow.codec.Json;
import org.spectralflow.codec.StatsCodec;
import org.spectralflow.math.CellAccumulator;
import org.spectralflow.model.CellKey;

/**
 * Per grid cell: exact accumulators per ρ bin, a partial aggregate every {@code partialEvery}
 * trials, and one final per bin once the cell holds {@code cell_trials} distinct trials. A trial
 * seen twice (a republished spec) is rejected to the DLQ rather than counted twice.
 */
final class AggregateCells extends KeyedProcessFunction<String, TrialResult, OutMessage> {
    private final SweepJobConfig cfg;
    private transient MapState<String, CellAccumulator> bins;
    private transient MapState<String, CellKey> keys;
    private transient ValueState<long[]> seen;
    private transient ValueState<Long> count;
    private transient ValueState<Long> trials;

    AggregateCells(SweepJobConfig cfg) {
        this.cfg = cfg;
    }

    @Override
    public void open(OpenContext context) {
        bins = getRuntimeContext().getMapState(new MapStateDescriptor<>("bins", Types.STRING,
                TypeInformation.of(CellAccumulator.class)));
        keys = getRuntimeContext().getMapState(new MapStateDescriptor<>("keys", Types.STRING,
                TypeInformation.of(CellKey.class)));
        seen = getRuntimeContext().getState(new ValueStateDescriptor<>("seen", org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        trials = getRuntimeContext().getState(new ValueStateDescriptor<>("cell_trials", Types.LONG));
    }

    @Override
    public void processElement(TrialResult t, Context ctx, Collector<OutMessage> out) throws Exception {
        long[] bits = seen.value();
        if (bits == null) bits = new long[(int) ((t.cellTrials() + 63) / 64)];
        Long expected = trials.value();
        long k = t.trial();
        if (expected != null && expected != t.cellTrials()) {
            reject(t, "cell_trials " + t.cellTrials() + " disagrees with " + expected + " of earlier specs of cell " + t.gridCell(), out);
            return;
        }
        if ((bits[(int) (k >>> 6)] & (1L << (k & 63))) != 0) {
            reject(t, "duplicate: trial " + k + " of cell " + t.gridCell() + " (id " + t.id() + ") was already counted", out);
            return;
        }
        trials.update(t.cellTrials());
        bits[(int) (k >>> 6)] |= 1L << (k & 63);
        seen.update(bits);
        long c = (count.value() == null ? 0 : count.value()) + 1;
        count.update(c);

        String bin = t.key().bin();
        CellAccumulator acc = bins.get(bin);
        if (acc == null) {
            acc = new CellAccumulator();
            keys.put(bin, t.key());
        }
        acc.add(t.contribution());
        bins.put(bin, acc);

        if (c == t.cellTrials()) {
            List<Map.Entry<String, CellAccumulator>> all = new ArrayList<>();
            for (Map.Entry<String, CellAccumulator> e : bins.entries()) all.add(e);
            all.sort(Map.Entry.comparingByKey());
            for (Map.Entry<String, CellAccumulator> e : all)
                out.collect(stats(keys.get(e.getKey()), t.cellTrials(), c, true, e.getValue()));
            bins.clear();
            keys.clear();
        } else if (c % partialEvery(t.cellTrials()) == 0) {
            out.collect(stats(t.key(), t.cellTrials(), c, false, acc));
        }
    }

    private void reject(TrialResult t, String reason, Collector<OutMessage> out) {
        byte[] key = t.id().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.collect(new OutMessage(cfg.dlqTopic(), t.id(), Json.bytes(DeadLetterCodec.encode(t.sourceTopic(),
                t.sourcePartition(), t.sourceOffset(), key, null, reason))));
    }

    private long partialEvery(long cellTrials) {
        return cfg.partialEvery() > 0 ? cfg.partialEvery() : Math.max(1, cellTrials / 10);
    }

    private OutMessage stats(CellKey key, long cellTrials, long cellCount, boolean isFinal, CellAccumulator acc) {
        StatsCodec.StatsRecord r = new StatsCodec.StatsRecord(key, cellTrials, cellCount, isFinal, acc.stats());
        return new OutMessage(cfg.statsTopic(), key.kafkaKey(), Json.bytes(StatsCodec.encode(r)));
    }
}

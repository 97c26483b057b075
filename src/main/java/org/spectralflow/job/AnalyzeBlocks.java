package org.spectralflow.job;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;
import org.spectralflow.codec.InvalidRecordException;
import org.spectralflow.codec.Json;
import org.spectralflow.codec.ResultCodec;
import org.spectralflow.codec.SpecCodec;
import org.spectralflow.math.Analyzer;
import org.spectralflow.math.CellAccumulator;
import org.spectralflow.model.Analysis;
import org.spectralflow.model.CellDefinition;
import org.spectralflow.model.CellKey;
import org.spectralflow.model.Contribution;
import org.spectralflow.model.Spec;
import org.spectralflow.stream.DeadLetters;
import org.spectralflow.stream.OutMessage;

/**
 * Draws and analyses every trial of the claimed parts it receives and pre-aggregates them: per
 * cell one exact accumulator per ρ bin, shipped to the cell's aggregator as a {@link CellPartial}
 * when a cell has gathered its share of a partial emission, every second, before each checkpoint
 * barrier and at the end of input. Nothing is kept across a checkpoint (it is all shipped before
 * the barrier), so a restore replays exactly what the barrier did not cover. A trial whose
 * analysis fails is one dead letter (naming the trial) and counts as failed, so its cell still
 * completes. Results records, when asked for, leave here: a claimed trial is analysed once.
 */
final class AnalyzeBlocks extends AbstractStreamOperator<CellPartial> implements OneInputStreamOperator<Block, CellPartial>,
        BoundedOneInput {
    /** The {@code sf.results} records of analysed trials. */
    static final OutputTag<OutMessage> RESULTS = new OutputTag<>("sf-results", TypeInformation.of(OutMessage.class));
    /** How often whatever is gathered is shipped, however little: progress moves at least this often. */
    static final long FLUSH_MS = 1000;
    /** Most cells one subtask gathers at once before it ships them all. */
    static final int MAX_PENDING_CELLS = 1024;

    private final SweepJobConfig cfg;
    private transient Map<String, Pending> pending;
    private transient LongCounter analysed, rejected;
    private transient ShuffleMeter<CellPartial> shuffle;

    AnalyzeBlocks(SweepJobConfig cfg) {
        this.cfg = cfg;
    }

    /** One cell's trials gathered since it was last shipped. */
    private static final class Pending {
        final CellDefinition definition;
        final TreeMap<String, CellAccumulator> bins = new TreeMap<>();
        final Map<String, CellKey> keys = new LinkedHashMap<>();
        long counted, failed;

        Pending(CellDefinition definition) {
            this.definition = definition;
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        pending = new LinkedHashMap<>();
        analysed = getRuntimeContext().getLongCounter(JobCounters.ANALYSED);
        rejected = getRuntimeContext().getLongCounter(JobCounters.REJECTED);
        shuffle = new ShuffleMeter<>(getRuntimeContext(), TypeInformation.of(CellPartial.class), "partials");
        scheduleFlush();
    }

    private void scheduleFlush() {
        long now = getProcessingTimeService().getCurrentProcessingTime();
        getProcessingTimeService().registerTimer(now + FLUSH_MS, t -> {
            shipAll();
            scheduleFlush();
        });
    }

    @Override
    public void processElement(StreamRecord<Block> element) throws Exception {
        Block b = element.getValue();
        Spec block;
        try {
            block = b.given() == null ? b.spec() : SpecCodec.decode(b.given(), cfg.maxN()).part(b.trial(), b.trials());
        } catch (RuntimeException e) { // it decoded before; only a bug can land here, and it costs the block's trials
            for (long k = b.trial(); k < b.end(); k++) fail(b, k, e);
            pending.computeIfAbsent(b.gridCell(), c -> new Pending(b.definition())).failed += b.trials();
            return;
        }
        String cell = b.gridCell();
        long every = shipEvery(b.definition().cellTrials());
        for (long k = b.trial(); k < b.end(); k++) {
            Pending p = pending.computeIfAbsent(cell, c -> new Pending(b.definition()));
            try {
                analyse(block.trialSpec(k), p);
                p.counted++;
                if (analysed != null) analysed.add(1);
            } catch (RuntimeException | StackOverflowError e) {
                fail(b, k, e);
                p.failed++;
            }
            if (p.counted + p.failed >= every) ship(cell);
        }
        if (pending.size() > MAX_PENDING_CELLS) shipAll();
    }

    private void analyse(Spec spec, Pending p) {
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
        String bin = spec.bin(a.spectrum().rho());
        Contribution c = Contribution.of(a, spec.activation());
        p.bins.computeIfAbsent(bin, x -> new CellAccumulator()).add(c);
        p.keys.computeIfAbsent(bin, x -> CellKey.of(spec, bin));
        if (result != null) output.collect(RESULTS, new StreamRecord<>(new OutMessage(cfg.resultsTopic(), spec.id(), result)));
    }

    private void fail(Block b, long k, Throwable e) {
        String reason = (b.trials() > 1 ? "trial " + k + " of the block: " : "") + DeadLetters.reason(e);
        output.collect(DeadLetters.TAG, new StreamRecord<>(DeadLetters.of(cfg.dlqTopic(), b.origin(), reason, "analysis", 1)));
        if (rejected != null) rejected.add(1);
    }

    /**
     * Trials a subtask gathers of one cell before it ships them: its share of one partial emission
     * (a tenth of the cell, or {@code partialEvery}), so the aggregator's partials come about as
     * often as they would trial by trial.
     */
    private long shipEvery(long cellTrials) {
        long every = cfg.partialEvery() > 0 ? cfg.partialEvery() : Math.max(1, cellTrials / 10);
        return Math.max(1, every / Math.max(1, cfg.parallelism()));
    }

    private void ship(String cell) {
        Pending p = pending.remove(cell);
        if (p == null || p.counted + p.failed == 0) return;
        CellKey[] keys = new CellKey[p.bins.size()];
        CellAccumulator[] accs = new CellAccumulator[p.bins.size()];
        int i = 0;
        for (Map.Entry<String, CellAccumulator> e : p.bins.entrySet()) {
            keys[i] = p.keys.get(e.getKey());
            accs[i++] = e.getValue();
        }
        CellPartial partial = new CellPartial(cell, p.definition, p.counted, p.failed, keys, accs);
        output.collect(new StreamRecord<>(partial));
        if (shuffle != null) shuffle.count(partial);
    }

    private void shipAll() {
        for (String cell : new java.util.ArrayList<>(pending.keySet())) ship(cell);
    }

    @Override
    public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
        super.prepareSnapshotPreBarrier(checkpointId);
        shipAll(); // nothing gathered may straddle a checkpoint
    }

    @Override
    public void endInput() {
        shipAll();
    }

    @Override
    public void finish() throws Exception {
        shipAll();
        super.finish();
    }
}

package org.spectralflow.job;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.spectralflow.codec.DeadLetterCodec;
import org.spectralflow.codec.Json;
import org.spectralflow.codec.ResultCodec;
import org.spectralflow.codec.SpecCodec;
import org.spectralflow.math.Analyzer;
import org.spectralflow.model.Analysis;
import org.spectralflow.model.CellKey;
import org.spectralflow.model.Contribution;
import org.spectralflow.model.Spec;

/** Decode a spec, draw its matrix from its seed, analyse it; anything that fails goes to the DLQ. */
final class AnalyzeSpecs extends ProcessFunction<RawRecord, TrialResult> {
    static final OutputTag<OutMessage> SIDE = new OutputTag<>("sf-side-output", org.apache.flink.api.common.typeinfo.TypeInformation.of(OutMessage.class));

    private final SweepJobConfig cfg;

    AnalyzeSpecs(SweepJobConfig cfg) {
        this.cfg = cfg;
    }

    @Override
    public void processElement(RawRecord r, Context ctx, Collector<TrialResult> out) {
        Spec spec;
        Analysis a;
        try {
            spec = SpecCodec.decode(r.value(), cfg.maxN());
            a = Analyzer.analyze(spec);
        } catch (RuntimeException e) {
            ctx.output(SIDE, deadLetter(cfg.dlqTopic(), r, e));
            return;
        }
        if (cfg.resultsTopic() != null)
            ctx.output(SIDE, new OutMessage(cfg.resultsTopic(), spec.id(), Json.bytes(ResultCodec.encode(spec, a))));
        CellKey key = CellKey.of(spec, spec.bin(a.spectrum().rho()));
        out.collect(new TrialResult(key, spec.cellTrials(), spec.trial(), spec.id(), Contribution.of(a, spec.activation()),
                r.topic(), r.partition(), r.offset()));
    }

    static OutMessage deadLetter(String dlqTopic, RawRecord r, Exception e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new OutMessage(dlqTopic, r.topic() + "/" + r.partition() + "/" + r.offset(),
                Json.bytes(DeadLetterCodec.encode(r.topic(), r.partition(), r.offset(), r.key(), r.value(), reason)));
    }
}

package org.spectralflow.job;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.spectralflow.codec.WeightsCodec;
import org.spectralflow.math.HealthAnalyzer;
import org.spectralflow.model.LayerReading;

/** Decode a weights record and read its layer's health; anything that fails goes to the DLQ. */
final class AnalyzeWeights extends ProcessFunction<RawRecord, LayerReading> {
    private final MonitorJobConfig cfg;

    AnalyzeWeights(MonitorJobConfig cfg) {
        this.cfg = cfg;
    }

    @Override
    public void processElement(RawRecord r, Context ctx, Collector<LayerReading> out) {
        LayerReading reading;
        try {
            reading = HealthAnalyzer.read(WeightsCodec.decode(r.value(), cfg.maxN()));
        } catch (RuntimeException e) {
            ctx.output(AnalyzeSpecs.SIDE, AnalyzeSpecs.deadLetter(cfg.dlqTopic(), r, e));
            return;
        }
        out.collect(reading);
    }
}

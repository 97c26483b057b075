package org.spectralflow.job;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.spectralflow.codec.WeightsCodec;
import org.spectralflow.math.HealthAnalyzer;
import org.spectralflow.stream.DeadLetters;
import org.spectralflow.stream.RawRecord;

/** Decode a weights record and read its layer's health. Total: one reading or one dead letter per record. */
final class AnalyzeWeights extends ProcessFunction<RawRecord, WeightsReading> {
    private final MonitorJobConfig cfg;

    AnalyzeWeights(MonitorJobConfig cfg) {
        this.cfg = cfg;
    }

    @Override
    public void processElement(RawRecord r, Context ctx, Collector<WeightsReading> out) {
        WeightsReading reading;
        try {
            reading = new WeightsReading(HealthAnalyzer.read(WeightsCodec.decode(r.value(), cfg.maxN())), r.origin());
        } catch (RuntimeException | StackOverflowError e) {
            ctx.output(DeadLetters.TAG, DeadLetters.of(cfg.dlqTopic(), r.origin(), DeadLetters.reason(e)));
            return;
        }
        out.collect(reading);
    }
}

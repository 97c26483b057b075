package org.spectralflow.job;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The monitor job (DESIGN §2): weights → decode/validate → analyse → keyBy (model, layer) →
 * regime and trend → health and alerts, rejects to the DLQ, all through one exactly-once sink.
 */
public final class MonitorJob {
    private MonitorJob() {}

    public static void build(StreamExecutionEnvironment env, MonitorJobConfig cfg) {
        env.enableCheckpointing(cfg.checkpointIntervalMs(), CheckpointingMode.EXACTLY_ONCE);
        env.setParallelism(cfg.parallelism());
        // Readings are ordered per layer by the Kafka key; nothing is windowed, so no watermarks.
        DataStream<RawRecord> raw = env.fromSource(SweepJob.source(cfg.bootstrapServers(), cfg.groupId(), cfg.kafkaProperties(), cfg.weightsTopic(), null, false),
                WatermarkStrategy.noWatermarks(), "weights").uid("weights-source").name("sf.weights");
        SingleOutputStreamOperator<WeightsReading> readings = raw
                .process(new AnalyzeWeights(cfg), TypeInformation.of(WeightsReading.class))
                .uid("analyze-weights").name("decode, analyse");
        // keyed by model: a model's layers share its layer cap; per-layer order still holds, since
        // one layer's records come through one Kafka partition and one source subtask
        DataStream<OutMessage> out = readings
                .keyBy(WeightsReading::model, Types.STRING)
                .process(new MonitorLayers(cfg), TypeInformation.of(OutMessage.class))
                .uid("layers").name("regimes and forecasts");
        out.union(readings.getSideOutput(AnalyzeSpecs.SIDE))
                .sinkTo(SweepJob.sink(cfg.bootstrapServers(), cfg.kafkaProperties(), cfg.transactionalIdPrefix())).uid("kafka-sink").name("sf.health, sf.alerts, sf.dlq");
    }
}

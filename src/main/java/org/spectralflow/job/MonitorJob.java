package org.spectralflow.job;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.spectralflow.stream.DeadLetters;
import org.spectralflow.stream.KafkaStreams;
import org.spectralflow.stream.OutMessage;
import org.spectralflow.stream.RawRecord;

/**
 * The monitor job (DESIGN §2): weights → decode/validate → analyse → keyBy model → regime and
 * trend per layer → health and alerts, rejects to the DLQ. {@link #topology} is the logic on any
 * stream of raw records; {@link #build} wires it between Kafka and the one exactly-once sink.
 */
public final class MonitorJob {
    private MonitorJob() {}

    /** The job's logic: every output record (health, alerts, dead letters), each addressed to its topic. */
    public static DataStream<OutMessage> topology(DataStream<RawRecord> weights, MonitorJobConfig cfg) {
        SingleOutputStreamOperator<WeightsReading> readings = weights
                .process(new AnalyzeWeights(cfg), TypeInformation.of(WeightsReading.class))
                .uid("analyze-weights").name("decode, analyse");
        // keyed by model: a model's layers share its layer cap; per-layer order still holds, since
        // one layer's records come through one Kafka partition and one source subtask
        DataStream<OutMessage> out = readings
                .keyBy(WeightsReading::model, Types.STRING)
                .process(new MonitorLayers(cfg), TypeInformation.of(OutMessage.class))
                .uid("layers").name("regimes and forecasts");
        return out.union(readings.getSideOutput(DeadLetters.TAG));
    }

    /** Adds the job to env, from the weights topic to the output topics. Checkpointing is the environment's to configure. */
    public static void build(StreamExecutionEnvironment env, MonitorJobConfig cfg) {
        env.setParallelism(cfg.parallelism());
        // readings are ordered per layer by the Kafka key; nothing is windowed, so no watermarks
        DataStream<RawRecord> raw = env.fromSource(KafkaStreams.source(cfg.bootstrapServers(), cfg.groupId(), cfg.kafkaProperties(),
                        cfg.weightsTopic(), null, false), WatermarkStrategy.noWatermarks(), "weights")
                .uid("weights-source").name("sf.weights");
        topology(raw, cfg).sinkTo(KafkaStreams.sink(cfg.bootstrapServers(), cfg.kafkaProperties(), cfg.transactionalIdPrefix()))
                .uid("kafka-sink").name("sf.health, sf.alerts, sf.dlq");
    }
}

package org.spectralflow.job;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;

/**
 * The sweep job (DESIGN §2): specs → decode/validate → generate → analyse → keyBy cell →
 * aggregate → stats, with results and rejects on their own topics, all through one
 * exactly-once Kafka sink.
 */
public final class SweepJob {
    /** Exactly-once transactions must outlive a checkpoint interval and stay below the broker's maximum (15 min by default). */
    static final String TRANSACTION_TIMEOUT_MS = "600000";

    private SweepJob() {}

    /** Adds the job's operators to env. */
    public static void build(StreamExecutionEnvironment env, SweepJobConfig cfg) {
        env.enableCheckpointing(cfg.checkpointIntervalMs(), CheckpointingMode.EXACTLY_ONCE);
        env.setParallelism(cfg.parallelism());

        // Specs carry no event time and nothing here is windowed: no watermarks, on purpose.
        DataStream<RawRecord> raw = env.fromSource(source(cfg.bootstrapServers(), cfg.groupId(), cfg.kafkaProperties(), cfg.specsTopic(), cfg.startOffsets(), cfg.bounded()),
                WatermarkStrategy.noWatermarks(), "specs").uid("specs-source").name("sf.specs");

        SingleOutputStreamOperator<TrialResult> trials = raw
                .process(new AnalyzeSpecs(cfg), TypeInformation.of(TrialResult.class))
                .uid("analyze").name("decode, generate, analyse");

        DataStream<OutMessage> stats = trials
                .keyBy(TrialResult::gridCell, Types.STRING)
                .process(new AggregateCells(cfg), TypeInformation.of(OutMessage.class))
                .uid("aggregate").name("aggregate cells");

        stats.union(trials.getSideOutput(AnalyzeSpecs.SIDE))
                .sinkTo(sink(cfg.bootstrapServers(), cfg.kafkaProperties(), cfg.transactionalIdPrefix())).uid("kafka-sink").name("sf.stats, sf.results, sf.dlq");
    }

    /** A source of raw records from one topic, read_committed, from the given offsets or the group's committed ones. */
    static KafkaSource<RawRecord> source(String bootstrap, String groupId, Map<String, String> kafkaProperties, String topic,
                                         Map<Integer, Long> start, boolean bounded) {
        KafkaSourceBuilder<RawRecord> b = KafkaSource.<RawRecord>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topic)
                .setGroupId(groupId)
                .setDeserializer(new RawRecordDeserializer())
                .setProperties(properties(kafkaProperties))
                .setProperty("isolation.level", "read_committed")
                .setProperty("max.partition.fetch.bytes", "67108864")
                .setProperty("fetch.max.bytes", "134217728");
        if (start != null) {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            start.forEach((p, o) -> offsets.put(new TopicPartition(topic, p), o));
            b.setStartingOffsets(OffsetsInitializer.offsets(offsets, OffsetResetStrategy.EARLIEST));
        } else {
            b.setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST));
        }
        if (bounded) b.setBounded(OffsetsInitializer.latest());
        return b.build();
    }

    /** The one exactly-once sink of a job: every message goes to its own topic in one transaction per checkpoint. */
    static KafkaSink<OutMessage> sink(String bootstrap, Map<String, String> kafkaProperties, String transactionalIdPrefix) {
        Properties p = properties(kafkaProperties);
        p.putIfAbsent("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS);
        p.putIfAbsent("max.request.size", "67108864");
        return KafkaSink.<OutMessage>builder()
                .setBootstrapServers(bootstrap)
                .setKafkaProducerConfig(p)
                .setRecordSerializer(new OutMessageSerializer())
                .setDeliveryGuarantee(DeliveryGuarantee.EXACTLY_ONCE)
                .setTransactionalIdPrefix(transactionalIdPrefix)
                .build();
    }

    static Properties properties(Map<String, String> props) {
        Properties p = new Properties();
        if (props != null) p.putAll(props);
        return p;
    }
}

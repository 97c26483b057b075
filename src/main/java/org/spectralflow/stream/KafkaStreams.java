package org.spectralflow.stream;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.spectralflow.kafka.TopicAdmin;

/** The Kafka ends of both jobs: a read_committed source of raw records, and one exactly-once sink for every output topic. */
public final class KafkaStreams {
    /** Exactly-once transactions must outlive a checkpoint interval and stay below the broker's maximum (15 min by default). */
    static final String TRANSACTION_TIMEOUT_MS = "600000";

    private KafkaStreams() {}

    /** A source of raw records from one topic, read_committed, from the given offsets or the group's committed ones. */
    public static KafkaSource<RawRecord> source(String bootstrap, String groupId, Map<String, String> kafkaProperties, String topic,
                                                Map<Integer, Long> start, boolean bounded) {
        KafkaSourceBuilder<RawRecord> b = KafkaSource.<RawRecord>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topic)
                .setGroupId(groupId)
                .setDeserializer(new RawRecordDeserializer())
                .setProperties(properties(kafkaProperties))
                .setProperty("isolation.level", "read_committed")
                .setProperty("max.partition.fetch.bytes", String.valueOf(TopicAdmin.MAX_MESSAGE_BYTES))
                .setProperty("fetch.max.bytes", String.valueOf(2L * TopicAdmin.MAX_MESSAGE_BYTES));
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
    public static KafkaSink<OutMessage> sink(String bootstrap, Map<String, String> kafkaProperties, String transactionalIdPrefix) {
        Properties p = properties(kafkaProperties);
        p.putIfAbsent("transaction.timeout.ms", TRANSACTION_TIMEOUT_MS);
        p.putIfAbsent("max.request.size", String.valueOf(TopicAdmin.MAX_MESSAGE_BYTES));
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

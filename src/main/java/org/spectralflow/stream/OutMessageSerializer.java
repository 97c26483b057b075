package org.spectralflow.stream;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes an {@link OutMessage} to its own topic, keyed by its key. */
public final class OutMessageSerializer implements KafkaRecordSerializationSchema<OutMessage> {
    @Override
    public ProducerRecord<byte[], byte[]> serialize(OutMessage m, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(m.topic(), m.key() == null ? null : m.key().getBytes(StandardCharsets.UTF_8), m.value());
    }
}

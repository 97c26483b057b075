package org.spectralflow.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.spectralflow.kafka.SpecPublisher;
import org.spectralflow.kafka.TopicAdmin;

/** Plain Kafka clients for tests: raw publishing and reading a whole topic as committed JSON. */
public final class KafkaTestSupport {
    private KafkaTestSupport() {}

    public static void sendRaw(String bootstrap, String topic, List<byte[][]> keyValues) {
        Properties p = SpecPublisher.producerProperties(bootstrap, Map.of());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (byte[][] kv : keyValues) producer.send(new ProducerRecord<>(topic, kv[0], kv[1]));
            producer.flush();
        }
    }

    /** Every committed record of a topic, parsed as JSON. */
    public static List<JsonNode> readAll(String bootstrap, String topic) throws Exception {
        Properties p = TopicAdmin.clientProperties(bootstrap, Map.of());
        p.put("isolation.level", "read_committed");
        ObjectMapper m = new ObjectMapper();
        List<JsonNode> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = new ArrayList<>();
            c.partitionsFor(topic).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline && parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)))
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) out.add(m.readTree(r.value()));
        }
        return out;
    }
}

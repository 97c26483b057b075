package org.spectralflow.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Follows topics' committed records without a consumer group, from the beginning or from now. */
public final class TopicFollower implements AutoCloseable {
    /** One record: its topic, key and value. */
    public record Message(String topic, String key, byte[] value) {}

    private final KafkaConsumer<byte[], byte[]> consumer;

    public TopicFollower(String bootstrap, Map<String, String> extra, List<String> topics, boolean fromBeginning) {
        Properties p = TopicAdmin.clientProperties(bootstrap, extra);
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        // a follower waits for little data: the broker answers an empty fetch after 50 ms, not 500, so that
        // reading up to the end after the last commit takes milliseconds (a user's own setting wins)
        p.putIfAbsent("fetch.max.wait.ms", "50");
        p.put("max.partition.fetch.bytes", String.valueOf(TopicAdmin.MAX_MESSAGE_BYTES));
        consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> parts = new ArrayList<>();
        for (String t : topics) consumer.partitionsFor(t).forEach(i -> parts.add(new TopicPartition(t, i.partition())));
        consumer.assign(parts);
        if (fromBeginning) consumer.seekToBeginning(parts);
        else consumer.seekToEnd(parts);
        parts.forEach(consumer::position); // resolve the positions now, not at the first poll
    }

    /** How many partitions it follows: 0 when none of its topics exists (yet). */
    public int partitions() {
        return consumer.assignment().size();
    }

    public List<Message> poll(Duration wait) {
        List<Message> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(wait))
            out.add(new Message(r.topic(), r.key() == null ? null : new String(r.key(), java.nio.charset.StandardCharsets.UTF_8),
                    r.value()));
        return out;
    }

    /** True once every partition has been read up to its last committed record. */
    public boolean atEnd() {
        return consumer.endOffsets(consumer.assignment()).entrySet().stream()
                .allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    @Override
    public void close() {
        consumer.close();
    }
}

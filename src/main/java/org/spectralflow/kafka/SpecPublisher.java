package org.spectralflow.kafka;

import java.util.Map;
import java.util.Properties;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.spectralflow.codec.Json;
import org.spectralflow.codec.SpecCodec;
import org.spectralflow.model.Spec;

/** Publishes specs to {@code sf.specs}, keyed by id, with an idempotent producer. */
public final class SpecPublisher {
    private SpecPublisher() {}

    public static Properties producerProperties(String bootstrap, Map<String, String> extra) {
        Properties p = TopicAdmin.clientProperties(bootstrap, extra);
        p.putIfAbsent("acks", "all");
        p.putIfAbsent("enable.idempotence", "true");
        // One request in flight per connection. With five, a just-created partition can refuse the first
        // batch (NOT_LEADER_OR_FOLLOWER: not open yet) while the next batch, sent behind it, is appended; the
        // broker then holds the producer's sequence past the first batch and refuses its retry as out of
        // sequence until it expires (seen in ProcessKillIT: "8 record(s) expired", sequences 8… appended).
        // With one in flight nothing overtakes a batch that is being retried. Bigger batches keep the rate.
        p.putIfAbsent("max.in.flight.requests.per.connection", "1");
        p.putIfAbsent("batch.size", String.valueOf(256 * 1024));
        p.putIfAbsent("linger.ms", "5");
        p.putIfAbsent("max.request.size", String.valueOf(TopicAdmin.MAX_MESSAGE_BYTES));
        return p;
    }

    /** What was published: spec records, and their key and value bytes (what the topic holds, before batching). */
    public record Published(long records, long bytes) {}

    /** Sends every spec and waits until all are acknowledged. */
    public static Published publish(String bootstrap, Map<String, String> extra, String topic, Iterable<Spec> specs,
                                    LongConsumer progress) {
        return publish(bootstrap, extra, topic, specs, progress, null);
    }

    /**
     * As above, telling {@code acked} (on the producer's thread) where each spec was written: its
     * partition and offset, which a rejection of it names.
     */
    public static Published publish(String bootstrap, Map<String, String> extra, String topic, Iterable<Spec> specs,
                                    LongConsumer progress, java.util.function.BiConsumer<Spec, org.apache.kafka.clients.producer.RecordMetadata> acked) {
        long sent = 0, bytes = 0;
        java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties(bootstrap, extra),
                new StringSerializer(), new ByteArraySerializer())) {
            for (Spec s : specs) {
                if (failure.get() != null) break;
                byte[] value = Json.bytes(SpecCodec.encode(s));
                bytes += value.length + s.id().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
                producer.send(new ProducerRecord<>(topic, s.id(), value), (md, e) -> {
                    if (e != null) failure.compareAndSet(null, e);
                    else if (acked != null) acked.accept(s, md);
                });
                if (++sent % 10_000 == 0 && progress != null) progress.accept(sent);
            }
            producer.flush();
        }
        if (failure.get() != null)
            throw new IllegalStateException("publishing to " + topic + " failed: " + failure.get().getMessage(), failure.get());
        return new Published(sent, bytes);
    }
}

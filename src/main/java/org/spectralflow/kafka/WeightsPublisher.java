package org.spectralflow.kafka;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.spectralflow.codec.Json;
import org.spectralflow.codec.WeightsCodec;
import org.spectralflow.model.Weights;

/** Publishes weight matrices to {@code sf.weights}, keyed model/layer so each layer stays in order. */
public final class WeightsPublisher implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    public WeightsPublisher(String bootstrap, Map<String, String> extra, String topic) {
        this.producer = new KafkaProducer<>(SpecPublisher.producerProperties(bootstrap, extra), new StringSerializer(),
                new ByteArraySerializer());
        this.topic = topic;
    }

    /** Sends one matrix as base64 of the given dtype ("f32" halves the size; "f64" is exact). */
    public void send(Weights w, String dtype) {
        producer.send(new ProducerRecord<>(topic, w.key(), Json.bytes(WeightsCodec.encode(w, dtype))), (md, e) -> {
            if (e != null) failure.compareAndSet(null, e);
        });
    }

    /** Waits for every send; throws if any failed. */
    public void flush() {
        producer.flush();
        if (failure.get() != null)
            throw new IllegalStateException("publishing to " + topic + " failed: " + failure.get().getMessage(), failure.get());
    }

    @Override
    public void close() {
        flush();
        producer.close();
    }
}

package org.spectralflow.stream;

import org.spectralflow.model.RecordValues;

/** One record for a Kafka topic, already encoded by the codec package. */
public record OutMessage(String topic, String key, byte[] value) {
    /** Equal when every field is, arrays by content. */
    @Override
    public boolean equals(Object o) {
        return RecordValues.equal(this, o);
    }

    @Override
    public int hashCode() {
        return RecordValues.hash(this);
    }
}

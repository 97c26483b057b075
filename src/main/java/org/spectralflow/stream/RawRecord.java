package org.spectralflow.stream;

import org.spectralflow.model.RecordOrigin;
import org.spectralflow.model.RecordValues;

/** One Kafka record as it arrived, undecoded, so that a bad one can go to the dead-letter topic. */
public record RawRecord(String topic, int partition, long offset, byte[] key, byte[] value) {
    /** Where it came from and the first bytes of key and value, for a dead-letter record. */
    public RecordOrigin origin() {
        return RecordOrigin.of(topic, partition, offset, key, value);
    }

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

package org.spectralflow.model;

import java.util.Arrays;

/**
 * Where a record came from and the first bytes of its key and payload: what a dead-letter record
 * needs, small enough to travel with a record through the job whatever the original's size.
 *
 * @param key the first {@link #KEY_EXCERPT_BYTES} bytes of the Kafka key, null when there was none
 * @param keyBytes the key's full length (0 when there was none)
 * @param payload the first {@link #PAYLOAD_EXCERPT_BYTES} bytes of the value
 * @param payloadBytes the value's full length
 */
public record RecordOrigin(String topic, int partition, long offset, byte[] key, int keyBytes, byte[] payload,
                           int payloadBytes) {
    public static final int KEY_EXCERPT_BYTES = 256;
    public static final int PAYLOAD_EXCERPT_BYTES = 512;

    public static RecordOrigin of(String topic, int partition, long offset, byte[] key, byte[] value) {
        return new RecordOrigin(topic, partition, offset,
                key == null ? null : Arrays.copyOf(key, Math.min(key.length, KEY_EXCERPT_BYTES)), key == null ? 0 : key.length,
                value == null ? new byte[0] : Arrays.copyOf(value, Math.min(value.length, PAYLOAD_EXCERPT_BYTES)),
                value == null ? 0 : value.length);
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

    @Override
    public String toString() {
        return topic + "/" + partition + "/" + offset;
    }
}

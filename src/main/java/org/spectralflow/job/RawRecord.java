package org.spectralflow.job;

/** One Kafka record as it arrived, undecoded, so that a bad one can go to the dead-letter topic whole. */
public record RawRecord(String topic, int partition, long offset, byte[] key, byte[] value) {}

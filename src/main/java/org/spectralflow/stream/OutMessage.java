package org.spectralflow.stream;

/** One record for a Kafka topic, already encoded by the codec package. */
public record OutMessage(String topic, String key, byte[] value) {}

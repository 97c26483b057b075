package org.spectralflow.codec;

/** A record that cannot be accepted, with the reason in words (what ends up in {@code sf.dlq}). */
public class InvalidRecordException extends IllegalArgumentException {
    public InvalidRecordException(String reason) {
        super(reason);
    }

    public InvalidRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }
}

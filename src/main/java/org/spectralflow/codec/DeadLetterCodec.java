package org.spectralflow.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.spectralflow.model.Limits;
import org.spectralflow.model.RecordOrigin;

/**
 * {@code sf.dlq} records: where a rejected record came from, why, and the first bytes of its key
 * and payload with their full lengths. A dead-letter record never exceeds {@link #MAX_BYTES},
 * whatever the rejected record held, so that writing it can never fail the job.
 */
public final class DeadLetterCodec {
    /** Largest encoded dead-letter record. */
    public static final int MAX_BYTES = 16 * 1024;

    private DeadLetterCodec() {}

    /** What a console needs of a dead-letter record: where the rejected record was and why. */
    public record Rejection(String topic, int partition, long offset, String error) {
        public String where() {
            return topic + "/" + partition + "/" + offset;
        }
    }

    public static Rejection decode(byte[] payload) {
        Fields f = Fields.of(Json.parseObject(payload));
        return new Rejection(f.string("topic"), (int) f.integer("partition"), f.integer("offset"),
                f.node("error") == null ? "" : f.node("error").asText());
    }

    public static byte[] encode(RecordOrigin from, String error) {
        byte[] out = Json.bytes(object(from, error, Limits.MAX_REASON_CHARS, true));
        // a reason of 1000 escaped control characters could pass 16 KiB; say less rather than fail
        return out.length <= MAX_BYTES ? out : Json.bytes(object(from, error, 200, false));
    }

    private static ObjectNode object(RecordOrigin from, String error, int reasonChars, boolean keyText) {
        ObjectNode o = Json.object();
        o.put("v", Json.VERSION);
        o.put("topic", from.topic());
        o.put("partition", from.partition());
        o.put("offset", from.offset());
        if (from.key() == null || !keyText) o.putNull("key");
        else o.put("key", new String(from.key(), StandardCharsets.UTF_8)); // invalid bytes become U+FFFD
        o.put("key_bytes", from.keyBytes());
        if (from.key() != null) o.put("key_b64", Base64.getEncoder().encodeToString(from.key()));
        String reason = error == null || error.isEmpty() ? "rejected" : error;
        if (reason.length() > reasonChars) reason = reason.substring(0, reasonChars) + "… (" + reason.length() + " chars)";
        o.put("error", reason);
        o.put("payload_bytes", from.payloadBytes());
        o.put("payload_b64", Base64.getEncoder().encodeToString(from.payload()));
        return o;
    }
}

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

    /**
     * What a console needs of a dead-letter record: where the rejected record was and why.
     *
     * @param key the rejected record's key as text (its first 256 bytes), null when it had none
     * @param stage which step of the sweep job rejected it ({@link #STAGES}), null when not said
     * @param trials how many trials of the spec the rejection stands for, −1 when not said
     */
    public record Rejection(String topic, int partition, long offset, String key, String error, String stage, long trials) {
        public Rejection(String topic, int partition, long offset, String error) {
            this(topic, partition, offset, null, error, null, -1);
        }

        public String where() {
            return topic + "/" + partition + "/" + offset;
        }
    }

    /**
     * The sweep job's steps: {@code decode} (the record as a spec), {@code claim} (against its
     * cell: duplicates, disagreements; its trials were not counted), {@code analysis} (one trial's
     * analysis failed; it counts as failed in its cell).
     */
    public static final java.util.List<String> STAGES = java.util.List.of("decode", "claim", "analysis");

    public static Rejection decode(byte[] payload) {
        Fields f = Fields.of(Json.parseObject(payload));
        com.fasterxml.jackson.databind.JsonNode key = f.node("key"), stage = f.node("stage"), trials = f.node("trials");
        return new Rejection(f.string("topic"), (int) f.integer("partition"), f.integer("offset"),
                key != null && key.isTextual() ? key.asText() : null, f.node("error") == null ? "" : f.node("error").asText(),
                stage != null && stage.isTextual() ? stage.asText() : null, trials != null && trials.canConvertToLong() ? trials.asLong() : -1);
    }

    public static byte[] encode(RecordOrigin from, String error) {
        return encode(from, error, null, -1);
    }

    /** As above, saying which step rejected the record ({@link #STAGES}; null: none) and for how many trials (≤ 0: not said). */
    public static byte[] encode(RecordOrigin from, String error, String stage, long trials) {
        byte[] out = Json.bytes(object(from, error, Limits.MAX_REASON_CHARS, true, stage, trials));
        // a reason of 1000 escaped control characters could pass 16 KiB; say less rather than fail
        return out.length <= MAX_BYTES ? out : Json.bytes(object(from, error, 200, false, stage, trials));
    }

    private static ObjectNode object(RecordOrigin from, String error, int reasonChars, boolean keyText, String stage, long trials) {
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
        if (stage != null) o.put("stage", stage);
        if (trials > 0) o.put("trials", trials);
        return o;
    }
}

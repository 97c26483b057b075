package org.spectralflow.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/** {@code sf.dlq} records: where a rejected record came from, why, and its first 512 bytes. */
public final class DeadLetterCodec {
    public static final int EXCERPT_BYTES = 512;

    private DeadLetterCodec() {}

    public static ObjectNode encode(String topic, int partition, long offset, byte[] key, byte[] payload, String error) {
        ObjectNode o = Json.object();
        o.put("v", Json.VERSION);
        o.put("topic", topic);
        o.put("partition", partition);
        o.put("offset", offset);
        if (key == null) o.putNull("key");
        else o.put("key", new String(key, StandardCharsets.UTF_8));
        o.put("error", error);
        int len = payload == null ? 0 : payload.length;
        o.put("payload_bytes", len);
        o.put("payload_b64", Base64.getEncoder().encodeToString(
                payload == null ? new byte[0] : Arrays.copyOf(payload, Math.min(len, EXCERPT_BYTES))));
        return o;
    }
}

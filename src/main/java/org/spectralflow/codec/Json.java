package org.spectralflow.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * The JSON conventions of every record: UTF-8, version field {@code "v": 1}, and non-finite
 * numbers written as the strings "Infinity" / "-Infinity" (NaN as null), which strict JSON
 * parsers accept and {@code float(...)} in Python reads back.
 */
public final class Json {
    public static final int VERSION = 1;
    static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            // {"n":2,"n":4096} means two things to two parsers: reject it rather than pick one
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxStringLength(Integer.MAX_VALUE).maxNumberLength(2000).build());
    }

    private Json() {}

    /** An empty JSON array. */
    public static com.fasterxml.jackson.databind.node.ArrayNode arrayNode() {
        return MAPPER.createArrayNode();
    }

    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Parses one record's bytes (strict UTF-8, no duplicate keys) into an object, or says in words why it cannot. */
    public static ObjectNode parseObject(byte[] payload) {
        if (payload == null || payload.length == 0) throw new InvalidRecordException("empty payload");
        int bad = Utf8.firstInvalid(payload);
        if (bad >= 0)
            throw new InvalidRecordException(String.format(java.util.Locale.ROOT,
                    "invalid UTF-8 at byte %d (0x%02X): overlong, surrogate or truncated sequences are not accepted",
                    bad, payload[bad] & 0xFF));
        JsonNode node;
        try (JsonParser p = MAPPER.createParser(payload)) {
            node = MAPPER.readTree(p);
            if (p.nextToken() != null) throw new InvalidRecordException("malformed JSON: trailing content after the object");
        } catch (InvalidRecordException e) {
            throw e;
        } catch (Exception e) {
            String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().split("\n")[0];
            if (msg.startsWith("Duplicate field"))
                throw new InvalidRecordException("duplicate key " + org.spectralflow.model.Text.quote(
                        msg.substring("Duplicate field ".length()).replaceAll("^'|'( .*)?$", "")));
            throw new InvalidRecordException("malformed JSON: " + org.spectralflow.model.Text.quote(msg, 200));
        }
        if (node == null || !node.isObject()) throw new InvalidRecordException("a record must be a JSON object");
        return (ObjectNode) node;
    }

    /** Parses a JSON array (files, not records). */
    public static com.fasterxml.jackson.databind.node.ArrayNode parseArray(byte[] payload) {
        try {
            JsonNode n = MAPPER.readTree(payload);
            if (n == null || !n.isArray()) throw new InvalidRecordException("expected a JSON array");
            return (com.fasterxml.jackson.databind.node.ArrayNode) n;
        } catch (java.io.IOException e) {
            throw new InvalidRecordException("malformed JSON: " + e.getMessage().split("\n")[0]);
        }
    }

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static String compact(JsonNode node) {
        return new String(bytes(node), StandardCharsets.UTF_8);
    }

    public static String pretty(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Puts a double, writing ±∞ as strings and NaN as null. */
    public static void put(ObjectNode o, String field, double x) {
        if (Double.isNaN(x)) o.putNull(field);
        else if (Double.isInfinite(x)) o.put(field, x > 0 ? "Infinity" : "-Infinity");
        else o.put(field, x);
    }

    public static ArrayNode array(ObjectNode o, String field, double[] xs) {
        ArrayNode a = o.putArray(field);
        for (double x : xs) {
            if (Double.isNaN(x)) a.addNull();
            else if (Double.isInfinite(x)) a.add(x > 0 ? "Infinity" : "-Infinity");
            else a.add(x);
        }
        return a;
    }

    /** Reads a double written by {@link #put}: a number, "Infinity"/"-Infinity", or null for NaN. */
    public static double readDouble(JsonNode n) {
        if (n == null || n.isNull()) return Double.NaN;
        if (n.isNumber()) return n.doubleValue();
        if (n.isTextual()) {
            String t = n.textValue();
            if (t.equals("Infinity")) return Double.POSITIVE_INFINITY;
            if (t.equals("-Infinity")) return Double.NEGATIVE_INFINITY;
        }
        throw new InvalidRecordException("expected a number, got " + n);
    }
}

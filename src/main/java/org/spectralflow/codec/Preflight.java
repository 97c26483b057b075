package org.spectralflow.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * A streaming look at a large matrix record before its JSON tree is built: a tree costs tens of
 * bytes per number, so a 60 MB record of {@code "data":[0,0,0,…]} would take a worker's heap to
 * hold 30 million numbers that its {@code n} cannot use. Arrays are counted token by token and the
 * record is refused as soon as one is longer than n² (or than the configured maximum n²).
 */
final class Preflight {
    /** Smaller payloads cannot hold enough numbers to matter: they go straight to the tree. */
    static final int FROM_BYTES = 1 << 20;

    private Preflight() {}

    static void check(byte[] payload, int maxN) {
        if (payload == null || payload.length < FROM_BYTES) return;
        long most = (long) maxN * maxN, n = -1, data = -1;
        try (JsonParser p = Json.MAPPER.getFactory().createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return; // the full parse says what is wrong
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("n") && t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    n = p.getLongValue();
                } else if (t == JsonToken.START_ARRAY) {
                    boolean sized = n > 0 && n <= maxN && field.equals("data"); // n above the limit: the decoder says so
                    long limit = sized ? n * n : most, count = 0;
                    for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY && e != null; e = p.nextToken()) {
                        if (e == JsonToken.START_ARRAY || e == JsonToken.START_OBJECT) p.skipChildren();
                        if (++count > limit)
                            throw new InvalidRecordException("field " + org.spectralflow.model.Text.quote(field, 40) + " has more than "
                                    + limit + " entries" + (sized ? ", n² for n = " + n : "") + " (counted before decoding)");
                    }
                    if (field.equals("data")) data = count;
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            return; // malformed: the full parse reports it in words
        }
        if (n > 0 && n <= maxN && data >= 0 && data != n * n)
            throw new InvalidRecordException("data has " + data + " entries, expected n² = " + n * n);
    }
}

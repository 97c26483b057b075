package org.spectralflow.codec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * A streaming look at a large matrix record before its JSON tree is built: a tree costs tens of
 * bytes per number, so a 60 MB record of {@code "data":[0,0,0,…]} would take a worker's heap to
 * hold 30 million numbers that its {@code n} cannot use. Arrays are counted token by token and the
 * record is refused as soon as one is longer than a layer of its n can be (4n², an LSTM's) or than the
 * configured maximum n²; exact counts are the decoder's.
 */
final class Preflight {
    /** Smaller payloads cannot hold enough numbers to matter: they go straight to the tree. */
    static final int FROM_BYTES = 1 << 20;

    private Preflight() {}

    static void check(byte[] payload, int maxN) {
        if (payload == null || payload.length < FROM_BYTES) return;
        long most = (long) maxN * maxN, n = -1;
        try (JsonParser p = Json.MAPPER.getFactory().createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return; // the full parse says what is wrong
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (field.equals("n") && t == JsonToken.VALUE_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                    n = p.getLongValue();
                } else if (t == JsonToken.START_ARRAY) {
                    // a gated cell stacks up to 4 n×n blocks; n above the limit: the decoder says so
                    boolean sized = n > 0 && n <= maxN && field.equals("data");
                    long limit = sized ? Math.min(4 * n * n, most) : most, count = 0;
                    for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY && e != null; e = p.nextToken()) {
                        if (e == JsonToken.START_ARRAY || e == JsonToken.START_OBJECT) p.skipChildren();
                        if (++count > limit)
                            throw new InvalidRecordException("field " + org.spectralflow.model.Text.quote(field, 40) + " has more than "
                                    + limit + " entries" + (sized ? ", the most a layer of n = " + n + " can have" : "") + " (counted before decoding)");
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            return; // malformed: the full parse reports it in words
        }
    }
}

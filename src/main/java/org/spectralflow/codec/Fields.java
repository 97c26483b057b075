package org.spectralflow.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.spectralflow.model.Limits;
import org.spectralflow.model.Text;

/** Typed, validated access to a record's fields, failing with the field's name and the reason. */
final class Fields {
    private final ObjectNode o;

    Fields(ObjectNode o) {
        this.o = o;
    }

    static Fields of(ObjectNode o) {
        return new Fields(o);
    }

    boolean has(String f) {
        JsonNode n = o.get(f);
        return n != null && !n.isNull();
    }

    JsonNode node(String f) {
        return o.get(f);
    }

    void requireVersion() {
        if (!has("v")) throw new InvalidRecordException("missing required field 'v' (the record format version)");
        JsonNode v = o.get("v");
        if (!v.isIntegralNumber() || v.longValue() != Json.VERSION)
            throw new InvalidRecordException("unknown version v = " + kind(v) + "; this build reads v = " + Json.VERSION);
    }

    private JsonNode required(String f) {
        if (!has(f)) throw new InvalidRecordException("missing required field '" + f + "'");
        return o.get(f);
    }

    /** A string of at most {@link Limits#MAX_NAME_CHARS} characters, none of them a control character or a lone surrogate. */
    String string(String f) {
        JsonNode n = required(f);
        if (!n.isTextual()) throw new InvalidRecordException("field '" + f + "' must be a string, got " + kind(n));
        String s = n.textValue();
        if (s.length() > Limits.MAX_NAME_CHARS)
            throw new InvalidRecordException("field '" + f + "' is " + s.length() + " characters long; the limit is "
                    + Limits.MAX_NAME_CHARS);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c == 0x7F)
                throw new InvalidRecordException("field '" + f + "' holds control character U+" + String.format("%04X", (int) c)
                        + " at " + i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) i++;
            else if (Character.isSurrogate(c))
                throw new InvalidRecordException("field '" + f + "' holds a lone surrogate \\u" + String.format("%04x", (int) c)
                        + " at " + i + " (not a Unicode character)");
        }
        return s;
    }

    String string(String f, String dflt) {
        return has(f) ? string(f) : dflt;
    }

    /**
     * An integer written as one (no fraction, no exponent): 1200.0 or 1.2e3 are rejected rather than
     * rounded, since a reader cannot tell whether 1200.7 was meant.
     */
    long integer(String f) {
        JsonNode n = required(f);
        if (n.isIntegralNumber() && n.canConvertToLong()) return n.longValue();
        if (n.isIntegralNumber()) throw new InvalidRecordException("field '" + f + "' is outside the 64-bit integer range");
        if (n.isNumber())
            throw new InvalidRecordException("field '" + f + "' must be an integer literal (no fraction or exponent), got " + kind(n));
        throw new InvalidRecordException("field '" + f + "' must be an integer, got " + kind(n));
    }

    long integer(String f, long dflt) {
        return has(f) ? integer(f) : dflt;
    }

    int intIn(String f, long min, long max) {
        long v = integer(f);
        if (v < min || v > max) throw new InvalidRecordException("field '" + f + "' must be in [" + min + ", " + max + "], got " + v);
        return (int) v;
    }

    int intIn(String f, long min, long max, int dflt) {
        return has(f) ? intIn(f, min, max) : dflt;
    }

    double number(String f) {
        JsonNode n = required(f);
        if (!n.isNumber()) throw new InvalidRecordException("field '" + f + "' must be a number, got " + kind(n));
        double x = n.doubleValue();
        if (!Double.isFinite(x)) throw new InvalidRecordException("field '" + f + "' must be finite, got " + x);
        return x;
    }

    /** A JSON boolean (true/false, not a string or number), or dflt when absent. */
    boolean bool(String f, boolean dflt) {
        if (!has(f)) return dflt;
        JsonNode n = o.get(f);
        if (!n.isBoolean()) throw new InvalidRecordException("field '" + f + "' must be true or false, got " + kind(n));
        return n.booleanValue();
    }

    double number(String f, double dflt) {
        return has(f) ? number(f) : dflt;
    }

    /** A vector of exactly n finite numbers, or null when absent. */
    double[] vector(String f, int n) {
        if (!has(f)) return null;
        JsonNode a = o.get(f);
        if (!a.isArray()) throw new InvalidRecordException("field '" + f + "' must be an array of numbers, got " + kind(a));
        if (a.size() != n) throw new InvalidRecordException("field '" + f + "' has length " + a.size() + ", expected n = " + n);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            JsonNode e = a.get(i);
            if (!e.isNumber()) throw new InvalidRecordException("field '" + f + "' entry " + i + " is not a number: " + kind(e));
            v[i] = e.doubleValue();
            if (!Double.isFinite(v[i])) throw new InvalidRecordException("field '" + f + "' entry " + i + " is " + v[i]);
        }
        return v;
    }

    /** The node's type and a short, escaped excerpt of it, for a reason. */
    static String kind(JsonNode n) {
        String t = n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        if (n.isTextual()) return t + " " + Text.quote(n.textValue(), 40);
        if (n.isContainerNode()) return t + " of " + n.size() + " entries";
        return t + " " + Text.quote(n.toString(), 40);
    }
}

package org.spectralflow.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
            throw new InvalidRecordException("unknown version v=" + v + "; this build reads v=" + Json.VERSION);
    }

    private JsonNode required(String f) {
        if (!has(f)) throw new InvalidRecordException("missing required field '" + f + "'");
        return o.get(f);
    }

    String string(String f) {
        JsonNode n = required(f);
        if (!n.isTextual()) throw new InvalidRecordException("field '" + f + "' must be a string, got " + kind(n));
        return n.textValue();
    }

    String string(String f, String dflt) {
        return has(f) ? string(f) : dflt;
    }

    long integer(String f) {
        JsonNode n = required(f);
        if (n.isIntegralNumber() && n.canConvertToLong()) return n.longValue();
        if (n.isFloatingPointNumber() && n.doubleValue() == Math.rint(n.doubleValue()) && Math.abs(n.doubleValue()) < 0x1p53)
            return (long) n.doubleValue();
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
            if (!e.isNumber()) throw new InvalidRecordException("field '" + f + "' entry " + i + " is not a number: " + e);
            v[i] = e.doubleValue();
            if (!Double.isFinite(v[i])) throw new InvalidRecordException("field '" + f + "' entry " + i + " is " + v[i]);
        }
        return v;
    }

    static String kind(JsonNode n) {
        String t = n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        String s = n.toString();
        return t + " " + (s.length() > 40 ? s.substring(0, 40) + "…" : s);
    }
}

package org.spectralflow.model;

/** Untrusted text quoted in a message: short, printable, and saying how long it really was. */
public final class Text {
    static final int SNIPPET_CHARS = 64;

    private Text() {}

    /** 'value' with control characters escaped, cut to 64 characters with its full length stated. */
    public static String quote(String s) {
        return quote(s, SNIPPET_CHARS);
    }

    /** As {@link #quote(String)}, cut to {@code max} characters. */
    public static String quote(String s, int max) {
        if (s == null) return "nothing";
        StringBuilder b = new StringBuilder("'");
        int end = Math.min(s.length(), max);
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (unprintable(c)) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        b.append('\'');
        if (s.length() > end) b.append("… (").append(s.length()).append(" chars)");
        return b.toString();
    }

    /** Control and format characters, surrogates, unassigned and private code points, and U+FFFD (what bad bytes decode to). */
    static boolean unprintable(char c) {
        if (Character.isISOControl(c) || Character.isSurrogate(c) || c == '\uFFFD') return true;
        int t = Character.getType(c);
        return t == Character.FORMAT || t == Character.UNASSIGNED || t == Character.PRIVATE_USE;
    }
}

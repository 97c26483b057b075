package org.spectralflow.codec;

/**
 * Strict UTF-8 (RFC 3629, Unicode's table of well-formed byte sequences): no overlong forms, no
 * encoded surrogates (CESU-8), nothing above U+10FFFF. Jackson alone accepts some of these, and a
 * record whose bytes say one thing to us and another to the next reader must not pass.
 */
final class Utf8 {
    private Utf8() {}

    /** The offset of the first byte that is not part of a well-formed sequence, or -1 if all are. */
    static int firstInvalid(byte[] b) {
        int i = 0, n = b.length;
        while (i < n) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                continue;
            }
            int len, lo = 0x80, hi = 0xBF;
            if (c >= 0xC2 && c <= 0xDF) len = 2;
            else if (c == 0xE0) { len = 3; lo = 0xA0; }
            else if (c >= 0xE1 && c <= 0xEC || c == 0xEE || c == 0xEF) len = 3;
            else if (c == 0xED) { len = 3; hi = 0x9F; } // U+D800..U+DFFF are not characters
            else if (c == 0xF0) { len = 4; lo = 0x90; }
            else if (c >= 0xF1 && c <= 0xF3) len = 4;
            else if (c == 0xF4) { len = 4; hi = 0x8F; }
            else return i; // C0, C1 (overlong), F5..FF, or a stray continuation byte
            if (i + len > n) return i;
            int second = b[i + 1] & 0xFF;
            if (second < lo || second > hi) return i;
            for (int k = 2; k < len; k++) {
                int cont = b[i + k] & 0xFF;
                if (cont < 0x80 || cont > 0xBF) return i;
            }
            i += len;
        }
        return -1;
    }
}

package org.spectralflow.job;

import java.util.Arrays;

/**
 * Which trials of one cell were counted, stored so that a block costs O(1) and fragmentation costs
 * at most a bitset: trials fall in buckets of 2²⁰, and each bucket that holds any is one value —
 * its counted trials as sorted, disjoint, non-adjacent ranges {@code [s₀, e₀, s₁, e₁, …]} relative
 * to the bucket, or, once that list would be as long as one, a bitset of the bucket's 2²⁰ trials
 * (16 384 longs, a length no range list reaches). A block of 10⁹ trials is 954 one-range buckets;
 * trials counted one by one in any order never take more than the bitset they would fill.
 * Plain Java over a {@link Buckets} store, so the same code runs on Flink's MapState and in tests.
 */
final class TrialSet {
    static final int BUCKET_BITS = 20;
    static final long BUCKET = 1L << BUCKET_BITS;
    static final int BITSET_LONGS = (int) (BUCKET / 64);

    /** Where the buckets live (Flink's MapState in the job). */
    interface Buckets {
        long[] get(long bucket) throws Exception;

        void put(long bucket, long[] value) throws Exception;
    }

    private TrialSet() {}

    /** The first trial of [from, to) that is counted, or −1 when none is. */
    static long firstCounted(Buckets store, long from, long to) throws Exception {
        for (long b = from >>> BUCKET_BITS; b <= (to - 1) >>> BUCKET_BITS; b++) {
            long[] v = store.get(b);
            if (v == null) continue;
            long base = b << BUCKET_BITS;
            int lo = (int) (Math.max(from, base) - base), hi = (int) (Math.min(to, base + BUCKET) - base);
            int hit = v.length == BITSET_LONGS ? firstSetBit(v, lo, hi) : firstInRanges(v, lo, hi);
            if (hit >= 0) return base + hit;
        }
        return -1;
    }

    /**
     * Counts [from, to), none of which may be counted yet ({@link #firstCounted} is −1); returns
     * the change in stored longs.
     */
    static long add(Buckets store, long from, long to) throws Exception {
        long grown = 0;
        for (long b = from >>> BUCKET_BITS; b <= (to - 1) >>> BUCKET_BITS; b++) {
            long base = b << BUCKET_BITS;
            int lo = (int) (Math.max(from, base) - base), hi = (int) (Math.min(to, base + BUCKET) - base);
            long[] v = store.get(b);
            long[] next;
            if (v == null) next = new long[] {lo, hi};
            else if (v.length == BITSET_LONGS) next = setBits(v, lo, hi);
            else next = insertRange(v, lo, hi);
            store.put(b, next);
            grown += next.length - (v == null ? 0 : v.length);
        }
        return grown;
    }

    private static int firstInRanges(long[] r, int lo, int hi) {
        for (int i = 0; i < r.length; i += 2) {
            if (r[i + 1] <= lo) continue;
            return r[i] < hi ? (int) Math.max(r[i], lo) : -1;
        }
        return -1;
    }

    private static int firstSetBit(long[] bits, int lo, int hi) {
        for (int w = lo >>> 6; w <= (hi - 1) >>> 6; w++) {
            long word = bits[w];
            if (w == lo >>> 6) word &= -1L << (lo & 63);
            if (word == 0) continue;
            int bit = (w << 6) + Long.numberOfTrailingZeros(word);
            return bit < hi ? bit : -1;
        }
        return -1;
    }

    /** [lo, hi) into a range list it does not overlap, merged with the ranges it touches; a bitset once the list would be too long. */
    private static long[] insertRange(long[] r, int lo, int hi) {
        int at = 0;
        while (at < r.length && r[at] < lo) at += 2; // first range starting after lo
        boolean joinsLeft = at > 0 && r[at - 1] == lo, joinsRight = at < r.length && r[at] == hi;
        int length = r.length + 2 - (joinsLeft ? 2 : 0) - (joinsRight ? 2 : 0);
        if (length >= BITSET_LONGS) {
            long[] bits = new long[BITSET_LONGS];
            for (int i = 0; i < r.length; i += 2) setBits(bits, (int) r[i], (int) r[i + 1]);
            return setBits(bits, lo, hi);
        }
        long[] out = new long[length];
        int left = joinsLeft ? at - 2 : at; // ranges before the new (merged) one
        System.arraycopy(r, 0, out, 0, left);
        out[left] = joinsLeft ? r[at - 2] : lo;
        out[left + 1] = joinsRight ? r[at + 1] : hi;
        int rightFrom = joinsRight ? at + 2 : at;
        System.arraycopy(r, rightFrom, out, left + 2, r.length - rightFrom);
        return out;
    }

    private static long[] setBits(long[] bits, int lo, int hi) {
        for (int w = lo >>> 6; w <= (hi - 1) >>> 6; w++) {
            long mask = -1L;
            if (w == lo >>> 6) mask &= -1L << (lo & 63);
            if (w == (hi - 1) >>> 6) mask &= -1L >>> (63 - ((hi - 1) & 63));
            bits[w] |= mask;
        }
        return bits;
    }

    /** For tests and reasons: how many trials a bucket value holds. */
    static long cardinality(long[] v) {
        if (v.length == BITSET_LONGS) return Arrays.stream(v).map(Long::bitCount).sum();
        long n = 0;
        for (int i = 0; i < v.length; i += 2) n += v[i + 1] - v[i];
        return n;
    }
}

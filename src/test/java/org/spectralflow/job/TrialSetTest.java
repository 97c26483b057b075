package org.spectralflow.job;

import static org.junit.jupiter.api.Assertions.*;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The counted-trial set against java.util.BitSet, on blocks, single trials and both, in any order. */
class TrialSetTest {
    static final class MapBuckets implements TrialSet.Buckets {
        final Map<Long, long[]> map = new HashMap<>();

        @Override
        public long[] get(long bucket) {
            return map.get(bucket);
        }

        @Override
        public void put(long bucket, long[] value) {
            map.put(bucket, value);
        }

        long longs() {
            return map.values().stream().mapToLong(v -> v.length).sum();
        }
    }

    /** Claims [from, to) in both; returns whether it was free (and so claimed). */
    static boolean claim(MapBuckets set, BitSet truth, long from, long to) throws Exception {
        long first = TrialSet.firstCounted(set, from, to);
        int expected = truth.nextSetBit((int) from);
        long want = expected >= 0 && expected < to ? expected : -1;
        assertEquals(want, first, "first counted trial of [" + from + ", " + to + ")");
        if (first >= 0) return false;
        long before = set.longs();
        assertEquals(TrialSet.add(set, from, to), set.longs() - before, "the reported growth is the stored growth");
        truth.set((int) from, (int) to);
        return true;
    }

    @Test
    void randomBlocksAndTrialsAgreeWithABitset() throws Exception {
        Random r = new Random(7);
        long span = 3 * TrialSet.BUCKET + 12345;
        MapBuckets set = new MapBuckets();
        BitSet truth = new BitSet();
        int claimed = 0;
        for (int i = 0; i < 20_000; i++) {
            long from = (long) (r.nextDouble() * span);
            long len = r.nextInt(4) == 0 ? 1 + r.nextInt(5000) : 1 + r.nextInt(3);
            if (claim(set, truth, from, Math.min(span, from + len))) claimed++;
        }
        assertTrue(claimed > 1000, "most claims succeed: " + claimed);
        for (Map.Entry<Long, long[]> e : set.map.entrySet()) {
            long base = e.getKey() * TrialSet.BUCKET;
            int expected = truth.get((int) base, (int) Math.min(span, base + TrialSet.BUCKET)).cardinality();
            assertEquals(expected, TrialSet.cardinality(e.getValue()), "bucket " + e.getKey());
        }
    }

    @Test
    void everyOtherTrialBecomesABitsetAndThenFillsUp() throws Exception {
        MapBuckets set = new MapBuckets();
        BitSet truth = new BitSet();
        for (long k = 0; k < TrialSet.BUCKET; k += 2) claim(set, truth, k, k + 1);
        assertEquals(TrialSet.BITSET_LONGS, set.map.get(0L).length, "fragmented: a bitset, never more");
        assertEquals(TrialSet.BUCKET / 2, TrialSet.cardinality(set.map.get(0L)));
        for (long k = 1; k < TrialSet.BUCKET; k += 2) claim(set, truth, k, k + 1);
        assertEquals(TrialSet.BUCKET, TrialSet.cardinality(set.map.get(0L)));
        assertEquals(5, TrialSet.firstCounted(set, 5, 6), "all counted");
    }

    @Test
    void aBlockOfABillionTrialsIsOneRangePerBucket() throws Exception {
        MapBuckets set = new MapBuckets();
        TrialSet.add(set, 0, 1_000_000_000L);
        assertEquals(954, set.map.size(), "⌈10⁹ / 2²⁰⌉ buckets");
        assertEquals(2 * 954, set.longs(), "one range each");
        assertEquals(999_999_999L, TrialSet.firstCounted(set, 999_999_999L, 1_000_000_000L));
        assertEquals(-1, TrialSet.firstCounted(set, 1_000_000_000L, 1_000_000_001L));
        // in-order single trials coalesce into one range
        MapBuckets ordered = new MapBuckets();
        for (long k = 0; k < 100_000; k++) TrialSet.add(ordered, k, k + 1);
        assertArrayEquals(new long[] {0, 100_000}, ordered.map.get(0L));
    }
}

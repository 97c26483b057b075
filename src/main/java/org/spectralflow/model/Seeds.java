package org.spectralflow.model;

/**
 * How seeds derive from one another (DESIGN §3 "Determinism"): a value of the record format, so it
 * lives with the records; the random number generator builds on the same mix.
 */
public final class Seeds {
    private Seeds() {}

    /** SplitMix64's finaliser: a bijective 64-bit mix (Stafford variant 13). */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The per-spec seed: a mix of the sweep seed, the cell and the trial. */
    public static long specSeed(long sweepSeed, long cell, long trial) {
        return mix(mix(mix(sweepSeed) + cell) + trial);
    }
}

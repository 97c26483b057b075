package org.spectralflow.math;

import org.spectralflow.model.Seeds;

/**
 * The project's only source of randomness: xoshiro256** seeded through SplitMix64, with
 * Gaussians from the Marsaglia polar method on {@link StrictMath}, so that one 64-bit seed gives
 * the same numbers on every JVM, machine and version.
 */
public final class SeededRandom {
    private long s0, s1, s2, s3;
    private double spareGaussian;
    private boolean hasSpare;

    /** A generator for one named stream of a seed; streams of one seed are independent. */
    public SeededRandom(long seed, Stream stream) {
        long x = mix(seed ^ (0x9E3779B97F4A7C15L * (stream.ordinal() + 1)));
        s0 = splitMix(x += 0x9E3779B97F4A7C15L);
        s1 = splitMix(x += 0x9E3779B97F4A7C15L);
        s2 = splitMix(x += 0x9E3779B97F4A7C15L);
        s3 = splitMix(x + 0x9E3779B97F4A7C15L);
    }

    /** A generator in a given xoshiro256** state, for checking against the algorithm's reference vectors. */
    SeededRandom(long s0, long s1, long s2, long s3) {
        this.s0 = s0;
        this.s1 = s1;
        this.s2 = s2;
        this.s3 = s3;
    }

    /**
     * What a stream of random numbers is used for; each use draws from its own stream. The ordinal
     * is part of the seed: new streams go at the end, so existing ones keep their numbers.
     */
    public enum Stream { MATRIX, G, H0, H0_PRIME, BIAS, INPUT, LYAPUNOV, JACOBIAN, LYAPUNOV_BASIS, ESP_STARTS, KRYLOV }

    /** SplitMix64's finaliser (see {@link Seeds#mix}). */
    public static long mix(long z) {
        return Seeds.mix(z);
    }

    private static long splitMix(long x) {
        return mix(x);
    }

    /** The per-spec seed of DESIGN §3 (see {@link Seeds#specSeed}). */
    public static long specSeed(long sweepSeed, long cell, long trial) {
        return Seeds.specSeed(sweepSeed, cell, trial);
    }

    public long nextLong() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform in [0, 1) with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in [a, b). */
    public double uniform(double a, double b) {
        return a + (b - a) * nextDouble();
    }

    /** Standard normal. */
    public double nextGaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u, v, s;
        do {
            u = 2 * nextDouble() - 1;
            v = 2 * nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = Math.sqrt(-2 * StrictMath.log(s) / s);
        spareGaussian = v * f;
        hasSpare = true;
        return u * f;
    }

    /** A vector of iid standard normals. */
    public double[] gaussians(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = nextGaussian();
        return x;
    }

    /** A uniformly distributed unit vector. */
    public double[] unitVector(int n) {
        double[] x = gaussians(n);
        double norm = Vectors.norm(x);
        if (norm == 0) x[0] = norm = 1;
        Vectors.scale(x, 1 / norm);
        return x;
    }
}

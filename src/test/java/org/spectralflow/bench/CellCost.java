package org.spectralflow.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.spectralflow.math.Analyzer;
import org.spectralflow.math.CellAccumulator;
import org.spectralflow.model.Activation;
import org.spectralflow.model.Ensemble;
import org.spectralflow.model.Precision;
import org.spectralflow.model.Scaling;
import org.spectralflow.model.Spec;
import org.spectralflow.model.SweepGrid;

/**
 * One core's rate of a sweep cell's work (draw, spectrum, the cell's propagation, accumulate) at
 * several N, T = 200, the default grid's ρ = 1.0 tanh and linear cells alternately: the compute
 * term of the scaling model in docs/performance.md. Per N: warm up, then five batches of about
 * two seconds; prints the median rate and the five.
 * Usage: CellCost [N ...=8 16 64 256]
 */
public final class CellCost {
    public static void main(String[] args) {
        int[] sizes = args.length > 0 ? Arrays.stream(args).mapToInt(Integer::parseInt).toArray() : new int[] {8, 16, 64, 256};
        System.out.printf(Locale.ROOT, "%5s %14s  %s%n", "N", "median /s", "batches /s");
        for (int n : sizes) {
            SweepGrid g = new SweepGrid("cost", 5L, List.of(Ensemble.GAUSSIAN), List.of(n), Scaling.RADIUS, List.of(1.0),
                    List.of(Activation.LINEAR, Activation.TANH), List.of(Precision.NONE), 100_000_000, 200, 1e-6, 1.0, 0.0, 1e6,
                    0.05, false, 2_000);
            CellAccumulator acc = new CellAccumulator();
            long k = 0;
            long perBatch = Math.max(1, (long) (2e9 / (g.spec(0, 0).definition().work() * 1.0)));
            for (long t0 = System.nanoTime(); System.nanoTime() - t0 < 3e9; ) k = run(g, acc, k, Math.max(1, perBatch / 10));
            double[] rates = new double[5];
            for (int b = 0; b < 5; b++) {
                long t0 = System.nanoTime();
                k = run(g, acc, k, perBatch);
                rates[b] = perBatch / ((System.nanoTime() - t0) / 1e9);
            }
            double[] sorted = rates.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%5d %14.0f  %s  (%d matrices, acc %d)%n", n, sorted[2],
                    Arrays.toString(Arrays.stream(rates).map(Math::rint).toArray()), k, acc.count);
        }
    }

    private static long run(SweepGrid g, CellAccumulator acc, long k, long count) {
        for (long i = 0; i < count; i++, k++) {
            Spec s = g.spec(k % 2, k / 2);
            acc.add(Analyzer.forCell(s), s.activation());
        }
        return k;
    }
}

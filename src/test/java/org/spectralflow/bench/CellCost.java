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
 * two seconds; prints the median rate and the five. With {@code --threads K}, K threads each run
 * the same batches on their own trials at once and the rate is their sum: what K cores of this
 * machine do without any pipeline around them.
 * Usage: CellCost [--threads K=1] [N ...=8 16 64 256]
 */
public final class CellCost {
    public static void main(String[] args) throws Exception {
        int threads = 1, first = 0;
        if (args.length >= 2 && args[0].equals("--threads")) {
            threads = Integer.parseInt(args[1]);
            first = 2;
        }
        int[] sizes = args.length > first ? Arrays.stream(args, first, args.length).mapToInt(Integer::parseInt).toArray()
                : new int[] {8, 16, 64, 256};
        System.out.printf(Locale.ROOT, "%d thread(s)%n%5s %14s  %s%n", threads, "N", "median /s", "batches /s");
        for (int n : sizes) {
            double[] sum = new double[5];
            java.util.List<Thread> running = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                Thread th = new Thread(() -> {
                    double[] r = measure(n, offset);
                    synchronized (sum) {
                        for (int b = 0; b < 5; b++) sum[b] += r[b];
                    }
                });
                th.start();
                running.add(th);
            }
            for (Thread th : running) th.join();
            double[] sorted = sum.clone();
            Arrays.sort(sorted);
            System.out.printf(Locale.ROOT, "%5d %14.0f  %s%n", n, sorted[2], Arrays.toString(Arrays.stream(sum).map(Math::rint).toArray()));
        }
    }

    /** Five batch rates of one thread at size n, on trials of its own (offset by thread). */
    private static double[] measure(int n, int thread) {
        {
            SweepGrid g = new SweepGrid("cost", 5L, List.of(Ensemble.GAUSSIAN), List.of(n), Scaling.RADIUS, List.of(1.0),
                    List.of(Activation.LINEAR, Activation.TANH), List.of(Precision.NONE), 100_000_000, 200, 1e-6, 1.0, 0.0, 1e6,
                    0.05, false, 2_000);
            CellAccumulator acc = new CellAccumulator();
            long k = 1_000_000L * thread;
            long perBatch = Math.max(1, (long) (2e9 / (g.spec(0, 0).definition().work() * 1.0)));
            for (long t0 = System.nanoTime(); System.nanoTime() - t0 < 3e9; ) k = run(g, acc, k, Math.max(1, perBatch / 10));
            double[] rates = new double[5];
            for (int b = 0; b < 5; b++) {
                long t0 = System.nanoTime();
                k = run(g, acc, k, perBatch);
                rates[b] = perBatch / ((System.nanoTime() - t0) / 1e9);
            }
            if (acc.count != k - 1_000_000L * thread) throw new IllegalStateException("lost a matrix");
            return rates;
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

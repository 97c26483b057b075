package org.spectralflow.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import org.spectralflow.math.Analyzer;
import org.spectralflow.math.MatrixGenerator;
import org.spectralflow.math.Spectra;
import org.spectralflow.math.TanhPropagation;
import org.spectralflow.model.Analysis;
import org.spectralflow.model.AnalysisRequest;
import org.spectralflow.model.Ensemble;
import org.spectralflow.model.MatrixRecipe;
import org.spectralflow.model.Scaling;

/**
 * JMH benchmarks of the numerical kernels on the matrices that {@link BenchMatrices} writes for
 * numpy, so that bench/kernels.sh compares both on identical input in one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class KernelBenchmark {
    @Param({"16", "64", "256", "1024"})
    public int n;

    double[] w;
    AnalysisRequest request;
    double[] h0, g, bias;

    @Setup
    public void setup() {
        w = BenchMatrices.matrix(n);
        request = AnalysisRequest.of("bench", n, w).withSeed(1);
        h0 = new double[n];
        g = new double[n];
        bias = new double[n];
        for (int i = 0; i < n; i++) {
            h0[i] = Math.sin(i);
            g[i] = Math.cos(i);
        }
    }

    @Benchmark
    public double[][] eigenvalues() {
        return Spectra.eigenvalues(w, n);
    }

    @Benchmark
    public Analysis fullAnalysis() {
        return Analyzer.analyze(request);
    }

    @Benchmark
    public Analysis.Tanh tanhPropagation100Steps() {
        return TanhPropagation.run(w, n, h0, bias, g, g, 100, 1e6);
    }

    /** The matrices of the benchmark: gaussian, gain 1, seed 1. */
    public static final class BenchMatrices {
        static double[] matrix(int n) {
            return MatrixGenerator.generate(new MatrixRecipe(Ensemble.GAUSSIAN, n, 1, Scaling.GAIN, 1.0), 1L);
        }

        /** Writes bench-N.npy for each N given, for the numpy side of the comparison. */
        public static void main(String[] args) throws Exception {
            java.nio.file.Path dir = java.nio.file.Path.of(args[0]);
            java.nio.file.Files.createDirectories(dir);
            for (int i = 1; i < args.length; i++) {
                int n = Integer.parseInt(args[i]);
                java.nio.file.Files.write(dir.resolve("bench-" + n + ".npy"),
                        org.spectralflow.codec.MatrixFiles.toNpy(matrix(n), n));
            }
        }
    }
}

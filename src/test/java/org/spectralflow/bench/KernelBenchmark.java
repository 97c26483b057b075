package org.spectralflow.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import org.spectralflow.math.Analyzer;
import org.spectralflow.math.Vectors;
import org.spectralflow.math.MatrixGenerator;
import org.spectralflow.math.Spectra;
import org.spectralflow.math.Propagation;
import org.spectralflow.model.Analysis;
import org.spectralflow.model.AnalysisRequest;
import org.spectralflow.model.Ensemble;
import org.spectralflow.model.MatrixRecipe;
import org.spectralflow.model.Scaling;
import org.spectralflow.model.Spectrum;

/**
 * JMH benchmarks of the numerical kernels on the matrices that {@link BenchMatrices} writes for
 * numpy, so that bench/kernels.sh compares both on identical input in one run, median against
 * median.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime) // every call timed: kernels.sh quotes the median (p0.50)
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
    Spectrum spectrum;
    double[] forward, forwardOut, back, backOut;

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
        spectrum = Spectra.analyze(w, n);
        forward = new double[4 * n];
        forwardOut = new double[4 * n];
        back = new double[4 * n];
        backOut = new double[4 * n];
        for (int i = 0; i < 3 * n; i++) forward[i] = Math.sin(0.7 * i); // the fourth column is the zero pad
        for (int i = 0; i < 4 * n; i++) back[i] = Math.cos(0.3 * i);
    }

    @Benchmark
    public double[][] eigenvalues() {
        return Spectra.eigenvalues(w, n);
    }

    /** Everything spectral: eigenvalues, the dominant eigenvector, σ₁ and its vector, departure. */
    @Benchmark
    public Spectrum spectrum() {
        return Spectra.analyze(w, n);
    }

    @Benchmark
    public Analysis fullAnalysis() {
        return Analyzer.analyze(request);
    }

    /** Linear and tanh propagation over T = 100 steps together, as the full analysis runs them. */
    @Benchmark
    public Propagation.Result propagation100Steps() {
        return Propagation.run(w, n, spectrum, g, 1e-6, h0, bias, g, 100, 1e6, false);
    }

    /**
     * Only the BLAS calls that propagation makes over 100 steps, without the vector work between
     * them: the floor that "propagation at BLAS speed" is measured against.
     */
    @Benchmark
    public double blasCallsOfPropagation100Steps() {
        double s = 0;
        double[] wt = Vectors.transpose(w, n); // W column-major, as propagation makes it
        for (int t = 0; t < 100; t++) { // forward: [h | u | linear's u | zero pad] through W
            Vectors.multiplyColumnMajor(wt, n, forward, forwardOut, 4);
            s += forwardOut[t % n];
        }
        for (int t = 0; t < 100; t++) { // back: [x | y | probe | tanh's g] through Wᵀ
            Vectors.multiplyColumnMajor(w, n, back, backOut, 4);
            s += backOut[t % n];
        }
        return s;
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

package org.spectralflow.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.*;
import org.spectralflow.math.Analyzer;
import org.spectralflow.math.LinearPropagation;
import org.spectralflow.math.Vectors;
import org.spectralflow.math.MatrixGenerator;
import org.spectralflow.math.Spectra;
import org.spectralflow.math.TanhPropagation;
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
    double[] block3, out3, block2, out2, u, wu;

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
        block3 = new double[3 * n];
        out3 = new double[3 * n];
        block2 = new double[2 * n];
        out2 = new double[2 * n];
        u = h0.clone();
        wu = new double[n];
        for (int i = 0; i < 3 * n; i++) block3[i] = Math.cos(0.3 * i);
        for (int i = 0; i < 2 * n; i++) block2[i] = Math.sin(0.7 * i);
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

    @Benchmark
    public Analysis.Tanh tanhPropagation100Steps() {
        return TanhPropagation.run(w, n, h0, bias, g, g, 100, 1e6);
    }

    @Benchmark
    public Analysis.Linear linearPropagation100Steps() {
        return LinearPropagation.fixed(w, n, g, spectrum.dominantVector(), spectrum.rho(), spectrum.topSingularVector(),
                spectrum.sigma1(), 1e-6, 100, 1e6);
    }

    /**
     * Only the BLAS calls that linear and tanh propagation make over 100 steps, without the vector
     * work between them: the floor that "propagation at BLAS speed" is measured against.
     */
    @Benchmark
    public double blasCallsOfPropagation100Steps() {
        double s = 0;
        for (int t = 0; t < 100; t++) {
            Vectors.multiplyTransposed(w, n, block3, out3, 3); // linear: [x | y | probe] through B
            Vectors.multiply(w, n, u, wu);                     // linear: forward Lyapunov vector
            Vectors.multiply(w, n, block2, out2, 2);           // tanh: [h | u] through W
            Vectors.multiplyTransposed(w, n, h0, wu);          // tanh: back-propagation
            s += out3[t % n] + out2[t % n] + wu[t % n];
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

package org.spectralflow.math;

import java.util.LinkedHashMap;
import java.util.Map;
import org.spectralflow.model.Analysis;
import org.spectralflow.model.AnalysisRequest;
import org.spectralflow.model.Precision;
import org.spectralflow.model.Spectrum;

/** The whole per-matrix analysis of DESIGN §3: spectrum, linear and tanh propagation, finite precision. */
public final class Analyzer {
    private Analyzer() {}

    public static Analysis analyze(AnalysisRequest r) {
        int n = r.n();
        double[] w = r.w();
        Spectrum spectrum = Spectra.analyze(w, n);
        long seed = r.seed();
        double[] g = r.g() != null ? r.g() : new SeededRandom(seed, SeededRandom.Stream.G).unitVector(n);
        double[] h0 = r.h0() != null ? r.h0() : new SeededRandom(seed, SeededRandom.Stream.H0).gaussians(n);
        double[] bias = r.bias() != null ? r.bias() : seededBias(n, r.biasStd(), seed);

        Analysis.Linear linear = r.independentJacobians() == null
                ? LinearPropagation.fixed(w, n, g, spectrum.dominantVector(), spectrum.rho(), spectrum.sigma1(),
                        r.delta(), r.steps(), r.explode(), seed)
                : LinearPropagation.independent(r.independentJacobians(), g, r.steps(), r.explode(), seed);
        double[] u0 = new SeededRandom(seed, SeededRandom.Stream.LYAPUNOV).unitVector(n);
        Analysis.Tanh tanh = TanhPropagation.run(w, n, h0, bias, g, u0, r.steps(), r.explode());

        Map<String, Analysis.FinitePrecision> precision = new LinkedHashMap<>();
        if (r.precision() != Precision.NONE) {
            double[] h0Prime = new SeededRandom(seed, SeededRandom.Stream.H0_PRIME).gaussians(n);
            for (Precision.Format f : r.precision().formats())
                precision.put(f.wire, FinitePrecisionRun.run(f, w, n, h0, h0Prime, r.activation(), seed,
                        r.precisionBudget()));
        }
        return new Analysis(r.id(), n, spectrum, linear, tanh, precision);
    }

    private static double[] seededBias(int n, double sd, long seed) {
        double[] b = new double[n];
        if (sd > 0) {
            SeededRandom rng = new SeededRandom(seed, SeededRandom.Stream.BIAS);
            for (int i = 0; i < n; i++) b[i] = sd * rng.nextGaussian();
        }
        return b;
    }
}

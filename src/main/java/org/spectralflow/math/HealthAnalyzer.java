package org.spectralflow.math;

import org.spectralflow.model.Analysis;
import org.spectralflow.model.LayerReading;
import org.spectralflow.model.Spectrum;
import org.spectralflow.model.Weights;

/**
 * The monitor's view of one weights record: the spectrum, and gradient growth over the horizon for
 * the linear and tanh networks, from a seed fixed per layer so that successive steps compare.
 */
public final class HealthAnalyzer {
    private HealthAnalyzer() {}

    public static LayerReading read(Weights r) {
        int n = r.n(), h = r.horizon();
        double[] w = r.w();
        Spectrum s = Spectra.analyze(w, n);
        long seed = r.key().hashCode(); // String.hashCode is specified, so this is stable everywhere
        double[] g = new SeededRandom(seed, SeededRandom.Stream.G).unitVector(n);
        double[] h0 = new SeededRandom(seed, SeededRandom.Stream.H0).gaussians(n);
        double[] u0 = new SeededRandom(seed, SeededRandom.Stream.LYAPUNOV).unitVector(n);
        double logA = LinearPropagation.logGrowth(w, n, g, h);
        Analysis.Tanh t = TanhPropagation.run(w, n, h0, new double[n], g, u0, h, 1e6);
        return new LayerReading(r.model(), r.layer(), r.step(), n, r.activation(), h, s.rho(), s.lambda1Re(),
                s.lambda1Im(), s.sigma1(), s.departure(), s.contractive(), logA / h, Math.exp(logA), t.rate(),
                t.gradientRatio());
    }
}

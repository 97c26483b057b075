package org.spectralflow.math;

import org.spectralflow.model.Analysis;
import org.spectralflow.model.RecurrentCell;
import org.spectralflow.model.LayerReading;
import org.spectralflow.model.Spectrum;
import org.spectralflow.model.Trajectory;
import org.spectralflow.model.Weights;

/**
 * The monitor's view of one weights record: the spectrum (of each gate block for a gated cell),
 * gradient growth over the horizon for the linear map and the layer's nonlinearity, and the
 * statistics of its state Jacobians, from seeds fixed per layer so that successive steps compare.
 */
public final class HealthAnalyzer {
    private HealthAnalyzer() {}

    public static LayerReading read(Weights r) {
        int n = r.n(), h = r.horizon();
        long seed = r.key().hashCode(); // String.hashCode is specified, so this is stable everywhere
        Trajectory trajectory = r.jacobians() == null ? null
                : StateJacobians.trajectory(r.jacobians(), new SeededRandom(seed, SeededRandom.Stream.G).unitVector(r.jacobians().m()));
        if (r.cell().gated()) return gated(r, trajectory);
        double[] w = r.w();
        Spectrum s = Spectra.analyze(w, n);
        double[] g = new SeededRandom(seed, SeededRandom.Stream.G).unitVector(n);
        double[] h0 = new SeededRandom(seed, SeededRandom.Stream.H0).gaussians(n);
        double[] u0 = new SeededRandom(seed, SeededRandom.Stream.LYAPUNOV).unitVector(n);
        double logA = LinearPropagation.logGrowth(w, n, g, h);
        // a linear layer's regime is ln ρ, but its tanh twin is reported too, as §3 does for it
        Analysis.Tanh t = TanhPropagation.run(w, n, h0, new double[n], g, u0, h, 1e6, r.cell() == RecurrentCell.RNN_RELU);
        double rate = t.rate(), ratio = t.gradientRatio();
        return new LayerReading(r.model(), r.layer(), r.step(), n, r.cell(), h, s.rho(), s.lambda1Re(), s.lambda1Im(),
                s.sigma1(), s.departure(), s.contractive(), logA / h, Math.exp(logA), rate, ratio, new double[0],
                new double[0], trajectory);
    }

    /** Each gate block's spectrum; the layer's headline numbers are those of the gate with the largest ρ. */
    private static LayerReading gated(Weights r, Trajectory trajectory) {
        int gates = r.cell().gates().size(), top = 0;
        double[] rho = new double[gates], sigma1 = new double[gates];
        Spectrum[] spectra = new Spectrum[gates];
        for (int g = 0; g < gates; g++) {
            spectra[g] = Spectra.analyze(r.block(g).rowMajor(), r.n());
            rho[g] = spectra[g].rho();
            sigma1[g] = spectra[g].sigma1();
            if (rho[g] > rho[top]) top = g;
        }
        Spectrum s = spectra[top];
        return new LayerReading(r.model(), r.layer(), r.step(), r.n(), r.cell(), r.horizon(), s.rho(), s.lambda1Re(),
                s.lambda1Im(), s.sigma1(), s.departure(), s.contractive(), Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                rho, sigma1, trajectory);
    }
}

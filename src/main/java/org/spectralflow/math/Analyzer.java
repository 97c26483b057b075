package org.spectralflow.math;

import java.util.LinkedHashMap;
import java.util.Map;
import org.spectralflow.model.Activation;
import org.spectralflow.model.Analysis;
import org.spectralflow.model.AnalysisRequest;
import org.spectralflow.model.Ensemble;
import org.spectralflow.model.Precision;
import org.spectralflow.model.Scaling;
import org.spectralflow.model.Spec;
import org.spectralflow.model.SparseMatrix;
import org.spectralflow.model.Spectrum;
import org.spectralflow.model.DenseMatrix;

/** The whole per-matrix analysis of DESIGN §3: spectrum, linear and tanh propagation, finite precision. */
public final class Analyzer {
    private Analyzer() {}

    public static Analysis analyze(AnalysisRequest r) {
        if (r.matrix() instanceof SparseMatrix s) return analyze(r, KrylovSpectra.analyze(MatrixOperator.of(s), KrylovSpectra.DEFAULT_K));
        return analyze(r, Spectra.analyze(r.w(), r.n()));
    }

    /** ρ alone of a request's matrix: {@link KrylovSpectra#radius} for CSR, the dense spectrum otherwise. */
    public static Spectrum radius(AnalysisRequest r) {
        if (r.matrix() instanceof SparseMatrix s) return KrylovSpectra.radius(MatrixOperator.of(s));
        return Spectra.analyze(r.w(), r.n());
    }

    /**
     * Draws a spec's matrix from its seed and analyses it. With {@code radius} scaling the
     * spectrum of the unscaled draw is computed once and scaled with the matrix, instead of a
     * second eigen-decomposition of the scaled matrix (equal to rounding).
     */
    public static Analysis analyze(Spec s) {
        return analyze(s, null);
    }

    /**
     * What a cell's statistics use of a spec's matrix ({@link org.spectralflow.model.Contribution}):
     * the propagation of the cell's own activation only, without the transient-peak refinement (a
     * linear cell skips the tanh network, a tanh cell the linear pair, probe and Lyapunov vector).
     * The other half of the returned analysis is null: it is for aggregation, not for a results record.
     */
    public static Analysis forCell(Spec s) {
        return analyze(s, s.activation());
    }

    private static Analysis analyze(Spec s, Activation only) {
        if (s.csr()) return analyzeCsr(s, only);
        boolean given = s.ensemble() == Ensemble.GIVEN;
        DenseMatrix data = (DenseMatrix) s.data();
        if (s.scaling() != Scaling.RADIUS) {
            double[] w = given ? MatrixGenerator.scaleGiven(data.rowMajor(), s.n(), s.scaling(), s.scale())
                    : MatrixGenerator.generate(s.recipe(), s.seed());
            AnalysisRequest r = s.request(w);
            return analyze(r, Spectra.analyze(r.w(), r.n()), only);
        }
        double[] w = given ? data.rowMajor().clone() : MatrixGenerator.unscaled(s.recipe(), s.seed());
        Spectrum raw = Spectra.analyze(w, s.n());
        if (raw.rho() == 0 && s.scale() != 0)
            throw new IllegalArgumentException("cannot scale to radius " + s.scale() + ": the matrix has spectral radius 0");
        double c = raw.rho() == 0 ? 0 : s.scale() / raw.rho();
        for (int i = 0; i < w.length; i++) w[i] *= c;
        return analyze(s.request(w), c == 0 ? Spectra.analyze(w, s.n()) : raw.scaled(c), only);
    }

    /** A spec whose matrix is CSR (drawn or given): scaled as §3 says, with the Krylov ρ for {@code radius}. */
    private static Analysis analyzeCsr(Spec s, Activation only) {
        SparseMatrix w = s.ensemble() == Ensemble.GIVEN ? (SparseMatrix) s.data() : MatrixGenerator.sparseCsr(s.recipe(), s.seed());
        if (s.ensemble() == Ensemble.GIVEN && s.scaling() == Scaling.GAIN && s.scale() != 1) w = w.scaled(s.scale());
        Spectrum spectrum = KrylovSpectra.analyze(MatrixOperator.of(w), KrylovSpectra.DEFAULT_K);
        if (s.scaling() == Scaling.RADIUS) {
            if (spectrum.rho() == 0 && s.scale() != 0)
                throw new IllegalArgumentException("cannot scale to radius " + s.scale() + ": the matrix has spectral radius 0");
            double c = spectrum.rho() == 0 ? 0 : s.scale() / spectrum.rho();
            w = w.scaled(c);
            spectrum = c == 0 ? KrylovSpectra.analyze(MatrixOperator.of(w), KrylovSpectra.DEFAULT_K) : spectrum.scaled(c);
        }
        return analyze(s.request(w), spectrum, only);
    }

    /** The analysis of a request whose matrix's spectrum is already known. */
    static Analysis analyze(AnalysisRequest r, Spectrum spectrum) {
        return analyze(r, spectrum, null);
    }

    /** @param only null for everything, else the one activation whose propagation is wanted (see {@link #forCell}) */
    private static Analysis analyze(AnalysisRequest r, Spectrum spectrum, Activation only) {
        int n = r.n();
        MatrixOperator op = MatrixOperator.of(r.matrix());
        double[] w = r.sparse() ? null : r.w();
        long seed = r.seed();
        double[] g = r.g() != null ? r.g() : new SeededRandom(seed, SeededRandom.Stream.G).unitVector(n);
        double[] h0 = r.h0() != null ? r.h0() : new SeededRandom(seed, SeededRandom.Stream.H0).gaussians(n);
        double[] bias = r.bias() != null ? r.bias() : seededBias(n, r.biasStd(), seed);

        double[] u0 = new SeededRandom(seed, SeededRandom.Stream.LYAPUNOV).unitVector(n);
        Analysis.Linear linear;
        Analysis.Tanh tanh;
        double leak = r.options().leak();
        double effectiveRho = spectrum.rho();
        if (r.options().leaky() && r.sparse()) { // M = (1 − a)I + aW by the Krylov solver on M itself
            Spectrum ms = KrylovSpectra.analyze(op.leaky(leak), KrylovSpectra.DEFAULT_K);
            effectiveRho = ms.rho();
            Propagation.Result both = LeakyPropagation.run(op, ms, leak, g, r.delta(), h0, bias, u0, r.steps(), r.explode());
            linear = both.linear();
            tanh = both.tanh();
        } else if (r.options().leaky()) {
            effectiveRho = LeakyPropagation.effectiveRho(spectrum, leak);
            Propagation.Result both = LeakyPropagation.run(w, n, leak, g, r.delta(), h0, bias, u0, r.steps(), r.explode(),
                    r.options().exactTransient());
            linear = both.linear();
            tanh = both.tanh();
        } else if (r.independentJacobians() == null && only == Activation.LINEAR) {
            linear = Propagation.linear(op, spectrum, g, r.delta(), r.steps(), r.explode(), false, false);
            tanh = null;
        } else if (r.independentJacobians() == null && only == Activation.TANH) {
            linear = null;
            tanh = TanhPropagation.run(op, h0, bias, g, u0, r.steps(), r.explode(), false);
        } else if (r.independentJacobians() == null) {
            Propagation.Result both = Propagation.run(op, spectrum, g, r.delta(), h0, bias, u0, r.steps(), r.explode(),
                    r.options().exactTransient());
            linear = both.linear();
            tanh = both.tanh();
        } else {
            linear = LinearPropagation.independent(r.independentJacobians(), g, r.steps(), r.explode(), seed);
            tanh = TanhPropagation.run(w, n, h0, bias, g, u0, r.steps(), r.explode());
        }

        Map<String, Analysis.FinitePrecision> precision = new LinkedHashMap<>();
        if (r.precision() != Precision.NONE) {
            double[] h0Prime = new SeededRandom(seed, SeededRandom.Stream.H0_PRIME).gaussians(n);
            for (Precision.Format f : r.precision().formats())
                precision.put(f.wire, FinitePrecisionRun.run(f, op, h0, h0Prime, r.activation(), seed,
                        r.precisionBudget()));
        }
        Analysis.LyapunovSpectrum lyapunovSpectrum = null;
        int k = r.options().lyapunovK();
        if (k > 0) {
            // independent Jacobians: the linear map's spectrum is the product's, from the same draws as its propagation
            java.util.function.Supplier<double[]> fresh = null;
            if (r.independentJacobians() != null && r.activation() == org.spectralflow.model.Activation.LINEAR) {
                SeededRandom draws = new SeededRandom(seed, SeededRandom.Stream.JACOBIAN);
                fresh = () -> MatrixGenerator.generate(r.independentJacobians(), draws);
            }
            lyapunovSpectrum = LyapunovSpectra.of(op, r.activation(), h0, bias, k, r.steps(), seed, fresh, leak);
        }
        Analysis.EchoState esp = r.options().esp()
                ? EchoState.check(op, leak, bias, r.options().inputScale(), r.options().espSteps(), seed) : null;
        return new Analysis(r.id(), n, spectrum, linear, tanh, precision, lyapunovSpectrum, leak, effectiveRho, esp);
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

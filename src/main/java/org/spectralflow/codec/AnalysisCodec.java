package org.spectralflow.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.spectralflow.model.Activation;
import org.spectralflow.model.Analysis;
import org.spectralflow.model.AnalysisRequest;
import org.spectralflow.model.DenseMatrix;
import org.spectralflow.model.Precision;
import org.spectralflow.model.Spectrum;

/** The analysis object of DESIGN §4, and analysis requests shaped like {@code sf.weights} records. */
public final class AnalysisCodec {
    private AnalysisCodec() {}

    public static ObjectNode encode(Analysis a) {
        ObjectNode o = Json.object();
        o.put("v", Json.VERSION);
        o.put("id", a.id());
        o.put("n", a.n());
        ObjectNode sp = spectrumWithMethod(a.spectrum());
        o.set("spectrum", sp);
        Json.put(sp, "effective_rho", a.effectiveRho());
        o.put("leak", a.leak());
        Analysis.Linear l = a.linear();
        ObjectNode lin = o.putObject("linear");
        lin.put("steps", l.steps());
        Json.array(lin, "growth", l.growth());
        Json.put(lin, "rate", l.rate());
        if (l.separationRatio() == null) lin.putNull("separation_ratio");
        else Json.array(lin, "separation_ratio", l.separationRatio());
        Json.put(lin, "transient_peak", l.transientPeak());
        Json.put(lin, "lyapunov", l.lyapunov());
        lin.put("outcome", l.outcome().wire());
        Analysis.Tanh t = a.tanh();
        ObjectNode tanh = o.putObject("tanh");
        tanh.put("steps", t.steps());
        Json.put(tanh, "gradient_ratio", t.gradientRatio());
        Json.put(tanh, "rate", t.rate());
        Json.put(tanh, "lyapunov", t.lyapunov());
        tanh.put("outcome", t.outcome().wire());
        Analysis.LyapunovSpectrum ls = a.lyapunovSpectrum();
        if (ls != null) { // in the block of the map it belongs to, beside that map's largest exponent
            ObjectNode block = ls.map() == Activation.LINEAR ? lin : tanh;
            Json.array(block, "lyapunov_spectrum", ls.exponents());
            Json.put(block, "kaplan_yorke", ls.kaplanYorke());
            Json.put(block, "entropy_rate", ls.entropyRate());
        }
        if (a.echoState() != null) {
            ObjectNode e = o.putObject("esp");
            e.put("holds", a.echoState().holds());
            Json.put(e, "max_distance", a.echoState().maxDistance());
            e.put("steps", a.echoState().steps());
            Json.put(e, "input_scale", a.echoState().inputScale());
        }
        ObjectNode prec = o.putObject("precision");
        for (Map.Entry<String, Analysis.FinitePrecision> e : a.precision().entrySet()) {
            ObjectNode p = prec.putObject(e.getKey());
            p.put("subnormal_step", e.getValue().subnormalStep());
            p.put("dead_step", e.getValue().deadStep());
            p.put("overflow_step", e.getValue().overflowStep());
            p.put("forget_step", e.getValue().forgetStep());
        }
        return o;
    }

    /** {@code analyze --rho}: the id, n and a spectrum of ρ alone (k = 1 where Krylov; σ₁ null). */
    public static ObjectNode encodeRadius(String id, int n, Spectrum s) {
        ObjectNode o = Json.object();
        o.put("v", Json.VERSION);
        o.put("id", id);
        o.put("n", n);
        o.set("spectrum", spectrumWithMethod(s));
        return o;
    }

    /** The spectrum object with its method and, for a Krylov one, the solver's report. */
    private static ObjectNode spectrumWithMethod(Spectrum s) {
        ObjectNode sp = spectrum(s);
        sp.put("method", s.method());
        Spectrum.Krylov kr = s.krylov();
        if (kr != null) {
            sp.put("k", kr.k());
            sp.put("converged", kr.converged());
            Json.put(sp, "residual", kr.residual());
            sp.put("restarts", kr.restarts());
            sp.put("products", kr.products());
        }
        return sp;
    }

    static ObjectNode spectrum(Spectrum s) {
        ObjectNode o = Json.object();
        Json.array(o, "re", s.re());
        Json.array(o, "im", s.im());
        Json.put(o, "rho", s.rho());
        ObjectNode l1 = o.putObject("lambda1");
        Json.put(l1, "re", s.lambda1Re());
        Json.put(l1, "im", s.lambda1Im());
        Json.put(o, "theta", s.theta());
        if (Double.isInfinite(s.period())) o.putNull("period");
        else Json.put(o, "period", s.period());
        Json.put(o, "sigma1", s.sigma1());
        Json.put(o, "departure", s.departure()); // NaN (a Krylov spectrum) is null
        o.put("contractive", s.contractive());
        return o;
    }

    /**
     * An analysis request from a {@code sf.weights}-shaped object: n, data or data_b64 (+ dtype),
     * and optionally id, seed, activation, steps (default: horizon, else 100), delta, bias,
     * bias_std, h0, g, precision, precision_budget, explode.
     *
     * @param versionRequired whether a missing {@code v} is an error (records) or means 1 (files)
     */
    public static AnalysisRequest decodeRequest(ObjectNode o, int maxN, boolean versionRequired, String defaultId) {
        Fields f = Fields.of(o);
        if (versionRequired || f.has("v")) f.requireVersion();
        boolean csr = MatrixCodec.isCsr(f);
        int n = MatrixCodec.size(f, csr ? Math.max(maxN, org.spectralflow.model.Limits.MAX_SPARSE_N) : maxN);
        org.spectralflow.model.AnalysisOptions options = OptionsCodec.read(f, n);
        if (n > maxN && n <= options.denseMaxN())
            throw new InvalidRecordException("n = " + n + " is above the configured maximum " + maxN + " of a dense matrix");
        org.spectralflow.model.Matrix w = MatrixCodec.read(f, n, options.denseMaxN());
        int defaultSteps = f.intIn("horizon", 1, 1_000_000, AnalysisRequest.DEFAULT_STEPS);
        if (f.has("model") && f.has("layer"))
            defaultId = f.string("model") + "/" + f.string("layer") + (f.has("step") ? "/" + f.integer("step") : "");
        try {
            return new AnalysisRequest(
                    f.string("id", defaultId),
                    w,
                    f.integer("seed", 0),
                    Activation.parse(f.string("activation", "tanh")),
                    f.intIn("steps", 1, 1_000_000, defaultSteps),
                    f.number("delta", AnalysisRequest.DEFAULT_DELTA),
                    f.number("bias_std", 0.0),
                    f.vector("bias", n),
                    f.vector("h0", n),
                    f.vector("g", n),
                    Precision.parse(f.string("precision", "none")),
                    f.intIn("precision_budget", 1, 100_000_000, AnalysisRequest.DEFAULT_PRECISION_BUDGET),
                    f.number("explode", AnalysisRequest.DEFAULT_EXPLODE),
                    null,
                    options);
        } catch (InvalidRecordException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(e.getMessage(), e);
        }
    }
}

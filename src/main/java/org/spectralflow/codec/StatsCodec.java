package org.spectralflow.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.spectralflow.model.Activation;
import org.spectralflow.model.CellAggregate;
import org.spectralflow.model.CellKey;
import org.spectralflow.model.CellStats;
import org.spectralflow.model.Ensemble;
import org.spectralflow.model.Precision;
import org.spectralflow.model.Scaling;
import org.spectralflow.model.SpectralStats;

/**
 * {@code sf.stats} records: a cell's key fields (with {@code jacobian}), count, cell_trials, final,
 * and its statistics (DESIGN §3 and §6.7; {@code theory_rate} is the cell's theory of γ).
 */
public final class StatsCodec {
    private StatsCodec() {}

    /** Field names of the statistics, in {@link CellStats} order: the CSV header too. */
    public static final String[] STAT_FIELDS = {"count", "exploded", "vanished", "stable", "gamma_mean", "gamma_sd",
            "rho_mean", "rho_sd", "sigma1_mean", "sigma1_sd", "lyapunov_mean", "lyapunov_sd", "gamma_p05", "gamma_p50",
            "gamma_p95", "ln_rho_bar", "subnormal_f32_mean", "forget_f32_mean", "subnormal_f64_mean", "forget_f64_mean",
            "rho_p05", "rho_p50", "rho_p95", "real_eigs_mean", "dominant_real_fraction", "sigma1_over_rho_mean",
            "effective_rho_mean", "esp_violated", "theory_rate"};
    /** The per-exponent means of a requested Lyapunov spectrum: a JSON array (in CSV, values joined by ';'). */
    public static final String LYAPUNOV_SPECTRUM_MEAN = "lyapunov_spectrum_mean";

    static double[] values(CellStats s) {
        return new double[] {s.count(), s.exploded(), s.vanished(), s.stable(), s.gammaMean(), s.gammaSd(),
                s.rhoMean(), s.rhoSd(), s.sigma1Mean(), s.sigma1Sd(), s.lyapunovMean(), s.lyapunovSd(), s.gammaP05(),
                s.gammaP50(), s.gammaP95(), s.lnRhoBar(), s.subnormalF32Mean(), s.forgetF32Mean(),
                s.subnormalF64Mean(), s.forgetF64Mean(), s.spectral().rhoP05(), s.spectral().rhoP50(), s.spectral().rhoP95(),
                s.spectral().realEigsMean(), s.spectral().dominantRealFraction(), s.spectral().sigma1OverRhoMean(),
                s.spectral().effectiveRhoMean(), s.spectral().espViolated(), s.spectral().theoryRate()};
    }

    public static ObjectNode encode(CellAggregate r) {
        ObjectNode o = Json.object();
        o.put("v", Json.VERSION);
        CellKey k = r.key();
        o.put("sweep", k.sweep());
        o.put("cell", k.cell());
        o.put("ensemble", k.ensemble().wire());
        o.put("n", k.n());
        o.put("activation", k.activation().wire());
        o.put("scaling", k.scaling().wire());
        o.put("scale", k.scale());
        o.put("bin", k.bin());
        o.put("precision", k.precision().wire());
        o.put("jacobian", k.independentJacobians() ? "independent" : "fixed");
        o.put("cell_trials", r.cellTrials());
        o.put("cell_count", r.cellCount());
        o.put("final", r.isFinal());
        double[] v = values(r.stats());
        for (int i = 0; i < STAT_FIELDS.length; i++) {
            if (i < 4) o.put(STAT_FIELDS[i], (long) v[i]);
            else Json.put(o, STAT_FIELDS[i], v[i]);
        }
        double[] ls = r.stats().spectral().lyapunovSpectrumMean();
        if (ls.length > 0) Json.array(o, LYAPUNOV_SPECTRUM_MEAN, ls);
        return o;
    }

    public static CellAggregate decode(byte[] payload) {
        ObjectNode o = Json.parseObject(payload);
        Fields f = Fields.of(o);
        f.requireVersion();
        CellKey key = new CellKey(f.string("sweep"), f.integer("cell"), Ensemble.parse(f.string("ensemble")),
                (int) f.integer("n"), Activation.parse(f.string("activation")), Scaling.parse(f.string("scaling")),
                f.number("scale"), f.string("bin"), Precision.parse(f.string("precision")),
                f.string("jacobian", "fixed").equals("independent"));
        double[] v = new double[STAT_FIELDS.length];
        for (int i = 0; i < v.length; i++) v[i] = Json.readDouble(o.get(STAT_FIELDS[i]));
        double[] ls = new double[o.path(LYAPUNOV_SPECTRUM_MEAN).size()];
        for (int i = 0; i < ls.length; i++) ls[i] = Json.readDouble(o.get(LYAPUNOV_SPECTRUM_MEAN).get(i));
        SpectralStats spectral = new SpectralStats(v[20], v[21], v[22], v[23], v[24], v[25], v[26], v[27], ls, v[28]);
        CellStats s = new CellStats((long) v[0], (long) v[1], (long) v[2], (long) v[3], v[4], v[5], v[6], v[7], v[8],
                v[9], v[10], v[11], v[12], v[13], v[14], v[15], v[16], v[17], v[18], v[19], spectral);
        return new CellAggregate(key, f.integer("cell_trials"), f.integer("cell_count"), o.path("final").asBoolean(), s);
    }
}

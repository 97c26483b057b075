package org.spectralflow.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Everything that makes trials members of one grid cell, and so everything a spec says but its
 * id, trial, seed and given matrix: every spec of a cell must agree on all of it, or the cell would
 * average different experiments. The first accepted spec of a cell fixes
 * it; a spec that differs is rejected with the field that differs.
 *
 * @param sweepSeed the sweep seed the trial seeds derive from, null when the specs do not say
 */
public record CellDefinition(String sweep, long cell, long cellTrials, Long sweepSeed, Ensemble ensemble, int n,
                             double density, Scaling scaling, double scale, Activation activation, double biasStd,
                             int steps, double delta, Precision precision, double explode, double binWidth,
                             boolean independentJacobians, int precisionBudget, AnalysisOptions options) {

    /** A cell without the optional analyses. */
    public CellDefinition(String sweep, long cell, long cellTrials, Long sweepSeed, Ensemble ensemble, int n, double density,
                          Scaling scaling, double scale, Activation activation, double biasStd, int steps, double delta,
                          Precision precision, double explode, double binWidth, boolean independentJacobians, int precisionBudget) {
        this(sweep, cell, cellTrials, sweepSeed, ensemble, n, density, scaling, scale, activation, biasStd, steps, delta, precision,
                explode, binWidth, independentJacobians, precisionBudget, AnalysisOptions.DEFAULT);
    }

    public MatrixRecipe recipe() {
        return new MatrixRecipe(ensemble, n, density, scaling, scale);
    }

    /**
     * The radius bin of a result: the target r for {@code radius} scaling, else the measured ρ
     * rounded down to a multiple of the bin width, as a decimal string.
     */
    public String bin(double rho) {
        if (scaling == Scaling.RADIUS) return java.math.BigDecimal.valueOf(scale).toPlainString();
        long k = (long) Math.floor(rho / binWidth);
        return java.math.BigDecimal.valueOf(binWidth).multiply(java.math.BigDecimal.valueOf(k)).stripTrailingZeros().toPlainString();
    }

    /**
     * A rough count of one trial's multiply-adds (the spectrum's ~10 n³, or a Krylov run's ~300
     * products, plus four propagations of {@code steps} and the finite-precision budget), only to
     * size blocks of trials so that one block's work is bounded; never part of a result.
     */
    public long work() {
        boolean csr = ensemble == Ensemble.SPARSE && n > options.denseMaxN();
        double perProduct = csr ? (double) n * n * density : (double) n * n;
        double spectrum = csr ? 300 * perProduct : 10.0 * n * n * n;
        double propagation = 4.0 * steps * perProduct * (independentJacobians ? n : 1);
        double precisionRuns = precision == Precision.NONE ? 0 : 2.0 * precisionBudget * perProduct;
        return (long) Math.min(Long.MAX_VALUE / 4, Math.max(1, spectrum + propagation + precisionRuns));
    }

    /** The same cell with another scale (tests build impostors this way). */
    public CellDefinition withScale(double s) {
        return new CellDefinition(sweep, cell, cellTrials, sweepSeed, ensemble, n, density, scaling, s, activation, biasStd, steps,
                delta, precision, explode, binWidth, independentJacobians, precisionBudget, options);
    }

    /** The fields by their record names, in record order. */
    Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sweep", sweep);
        m.put("cell", cell);
        m.put("cell_trials", cellTrials);
        m.put("sweep_seed", sweepSeed);
        m.put("ensemble", ensemble);
        m.put("n", n);
        m.put("density", density);
        m.put("scaling", scaling);
        m.put("scale", scale);
        m.put("activation", activation);
        m.put("bias_std", biasStd);
        m.put("steps", steps);
        m.put("delta", delta);
        m.put("precision", precision);
        m.put("explode", explode);
        m.put("bin_width", binWidth);
        m.put("jacobian", independentJacobians ? "independent" : "fixed");
        m.put("precision_budget", precisionBudget);
        m.put("lyapunov_k", options.lyapunovK());
        m.put("transient", options.transientWord());
        m.put("leak", options.leak());
        m.put("esp", options.esp());
        m.put("esp_steps", options.espSteps());
        m.put("input_scale", options.inputScale());
        m.put("dense_max_n", options.denseMaxN());
        return m;
    }


    /**
     * Null when the two agree; else a reason naming the first field in which this one differs from
     * {@code other}, which is described as {@code whose} ("the cell's earlier trials").
     */
    public String disagreement(CellDefinition other, String whose) {
        if (equals(other)) return null; // the common case, once per trial: no maps built
        Map<String, Object> mine = fields(), theirs = other.fields();
        for (Map.Entry<String, Object> e : mine.entrySet()) {
            Object a = e.getValue(), b = theirs.get(e.getKey());
            if (!Objects.equals(a, b))
                return "field '" + e.getKey() + "' = " + show(a) + " disagrees with " + show(b) + " of " + whose;
        }
        return null;
    }

    private static String show(Object o) {
        if (o == null) return "absent";
        if (o instanceof WireEnum w) return w.wire();
        if (o instanceof String s) return Text.quote(s);
        return o.toString();
    }
}

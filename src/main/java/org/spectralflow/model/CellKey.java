package org.spectralflow.model;

/**
 * The key of one aggregate (DESIGN §3): sweep, ensemble, N, activation, scaling, radius bin and
 * precision, plus the grid cell and its scale and whether its Jacobians are independent, since with {@code gain} scaling one grid cell's
 * trials spread over several ρ bins and every (cell, bin) gets its own statistics.
 */
public record CellKey(String sweep, long cell, Ensemble ensemble, int n, Activation activation, Scaling scaling,
                      double scale, String bin, Precision precision, boolean independentJacobians) {

    public static CellKey of(Spec s, String bin) {
        return new CellKey(s.sweep(), s.cell(), s.ensemble(), s.n(), s.activation(), s.scaling(), s.scale(), bin,
                s.precision(), s.independentJacobians());
    }

    /** The Kafka key of the cell's {@code sf.stats} records. */
    public String kafkaKey() {
        return sweep + "/" + cell + "/" + bin;
    }
}

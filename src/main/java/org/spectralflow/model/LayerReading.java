package org.spectralflow.model;

/**
 * What one weights record says about its layer: spectrum, the gradient growth predicted over its
 * horizon for the linear map and the layer's own nonlinearity, the gate blocks of a gated cell and
 * the statistics of sampled state Jacobians. Numbers that do not apply to the cell are NaN.
 *
 * @param rho ρ of the matrix; for a gated cell the largest gate ρ (λ₁, σ₁, departure and
 *     contractive are then that gate's)
 * @param linearRatio ‖Bʰ g‖/‖g‖ for a seeded unit g (h = horizon)
 * @param nonlinearRate the measured back-propagation rate through h steps of φ(W h) (tanh or ReLU)
 * @param nonlinearRatio ‖g₀‖/‖g_h‖ of that back-propagation from a seeded state
 * @param gateRho ρ of each gate block, in {@code cell.gates()} order (empty for a plain cell)
 * @param gateSigma1 σ₁ of each gate block
 * @param trajectory null when the record carried no Jacobians
 */
public record LayerReading(String model, String layer, long step, int n, RecurrentCell cell, int horizon,
                           double rho, double lambda1Re, double lambda1Im, double sigma1, double departure,
                           boolean contractive, double linearRate, double linearRatio, double nonlinearRate,
                           double nonlinearRatio, double[] gateRho, double[] gateSigma1, Trajectory trajectory) {

    public String key() {
        return LayerKey.of(model, layer);
    }

    /**
     * The per-step gradient rate that decides the regime: the Jacobians' trajectory rate when the
     * record has them; else ln ρ for a linear layer (its exact asymptotic rate, free of the start
     * vector), the measured back-propagation rate for tanh and ReLU; NaN (no regime) for a gated
     * cell without Jacobians, whose gradient flow its weights alone do not determine.
     */
    public double regimeRate() {
        if (trajectory != null) return trajectory.rate();
        if (cell.gated()) return Double.NaN;
        return cell == RecurrentCell.LINEAR ? Math.log(rho) : nonlinearRate;
    }

    /** Whether this reading decides a regime. */
    public boolean hasRegime() {
        return !Double.isNaN(regimeRate());
    }

    /** The predicted gradient ratio over the horizon: e^(rate·horizon) from Jacobians, else the propagated one. */
    public double predictedRatio() {
        if (trajectory != null) return Math.exp(trajectory.rate() * horizon);
        if (cell.gated()) return Double.NaN;
        return cell == RecurrentCell.LINEAR ? linearRatio : nonlinearRatio;
    }

    @Override
    public boolean equals(Object o) {
        return RecordValues.equal(this, o);
    }

    @Override
    public int hashCode() {
        return RecordValues.hash(this);
    }
}

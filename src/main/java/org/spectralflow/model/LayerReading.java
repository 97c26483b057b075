package org.spectralflow.model;

/**
 * What one weights record says about its layer: spectrum, and the gradient growth predicted over
 * its horizon for the linear and the tanh network.
 *
 * @param linearRatio ‖Bʰ g‖/‖g‖ for a seeded unit g (h = horizon)
 * @param tanhRatio ‖g₀‖/‖g_h‖ back-propagated through h steps of tanh(W h) from a seeded state
 */
public record LayerReading(String model, String layer, long step, int n, Activation activation, int horizon,
                           double rho, double lambda1Re, double lambda1Im, double sigma1, double departure,
                           boolean contractive, double linearRate, double linearRatio, double tanhRate,
                           double tanhRatio) {

    public String key() {
        return LayerKey.of(model, layer);
    }

    /**
     * The per-step gradient rate that decides the regime: ln ρ for a linear layer (its exact
     * asymptotic rate, free of the start vector), the measured back-propagation rate for tanh.
     */
    public double regimeRate() {
        return activation == Activation.LINEAR ? Math.log(rho) : tanhRate;
    }

    /** The predicted gradient ratio over the horizon for the layer's activation. */
    public double predictedRatio() {
        return activation == Activation.LINEAR ? linearRatio : tanhRatio;
    }
}

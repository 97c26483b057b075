package org.spectralflow.model;

/**
 * What a layer's sampled state Jacobians J_1 … J_k say (DESIGN §6.1): the gradient's growth per
 * step back through them, their mean σ₁ and the per-step spectral radius of their product.
 *
 * @param rate (1/k)·ln‖J_1ᵀ ⋯ J_kᵀ u‖ for the layer's seeded unit u (J_kᵀ applied first)
 * @param sigma1Mean the mean of σ₁(J_t)
 * @param rhoProduct ρ(J_k ⋯ J_1)^{1/k}
 */
public record Trajectory(int k, int m, double rate, double sigma1Mean, double rhoProduct) {}

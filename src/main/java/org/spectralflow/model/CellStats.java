package org.spectralflow.model;

/**
 * The statistics of one cell (DESIGN §3 "Aggregation"): outcome counts, mean and sample
 * standard deviation of γ, ρ, σ₁ and the Lyapunov exponent (over their finite values), the
 * p05/p50/p95 quantiles of γ, the theory line ln ρ̄, and the mean finite-precision horizons
 * (over runs that reached them; NaN when none did or none were asked for), and the spectral
 * statistics of DESIGN §6.7 with the cell's theory line.
 */
public record CellStats(long count, long exploded, long vanished, long stable,
                        double gammaMean, double gammaSd, double rhoMean, double rhoSd,
                        double sigma1Mean, double sigma1Sd, double lyapunovMean, double lyapunovSd,
                        double gammaP05, double gammaP50, double gammaP95, double lnRhoBar,
                        double subnormalF32Mean, double forgetF32Mean, double subnormalF64Mean, double forgetF64Mean,
                        SpectralStats spectral) {}

package org.spectralflow.model;

/**
 * One {@code sf.alerts} record: a regime change ({@code kind} "regime") or a forecast crossing of
 * ρ = 1 ({@code kind} "forecast", with the forecast training step and the fit's R²).
 */
public record Alert(String kind, String model, String layer, long step, Regime from, Regime to, double rho,
                    double rate, double forecastStep, double r2, String message) {}

package org.spectralflow.model;

import java.io.Serializable;

/**
 * How the monitor judges layers.
 *
 * @param band per-step gradient rate beyond which a layer is exploding (above +band) or vanishing (below −band)
 * @param settle readings inside (−band/2, +band/2) in a row before an exploding or vanishing layer is stable again
 * @param window readings of ρ the trend is fitted to
 * @param forecastSteps how far ahead (in training steps) a forecast crossing raises an alert
 * @param minR2 the least R² of the trend fit for a forecast to be believed
 */
public record MonitorSettings(double band, int settle, int window, long forecastSteps, double minR2) implements Serializable {
    public static MonitorSettings defaults() {
        return new MonitorSettings(0.01, 5, 8, 5_000, 0.8);
    }

    public MonitorSettings {
        if (!(band > 0)) throw new IllegalArgumentException("regime band must be positive, got " + band);
        if (settle < 1) throw new IllegalArgumentException("settle must be at least 1, got " + settle);
        if (window < 3) throw new IllegalArgumentException("forecast window must be at least 3 readings, got " + window);
        if (forecastSteps < 1) throw new IllegalArgumentException("forecast steps must be positive, got " + forecastSteps);
        if (!(minR2 >= 0 && minR2 <= 1)) throw new IllegalArgumentException("minimum R² must be in [0, 1], got " + minR2);
    }
}

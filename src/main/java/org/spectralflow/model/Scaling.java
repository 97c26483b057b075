package org.spectralflow.model;

/** How a spec's {@code scale} is applied: as the gain g, or as the exact spectral radius r. */
public enum Scaling implements WireEnum {
    GAIN, RADIUS;

    @Override
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Scaling parse(String word) {
        return WireEnum.parse(Scaling.class, word, "scaling");
    }
}

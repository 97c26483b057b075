package org.spectralflow.model;

/** A run's fate: its ratio above E (or overflowed), below 1/E (or underflowed), or neither. */
public enum Outcome implements WireEnum {
    EXPLODED, VANISHED, STABLE;

    @Override
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Classifies a ratio given by its natural logarithm, so that out-of-range ratios classify exactly. */
    public static Outcome ofLogRatio(double logRatio, double threshold) {
        double logE = Math.log(threshold);
        if (Double.isNaN(logRatio) || logRatio > logE) return EXPLODED;
        if (logRatio < -logE) return VANISHED;
        return STABLE;
    }
}

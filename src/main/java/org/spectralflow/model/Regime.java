package org.spectralflow.model;

/** Where a layer's gradients stand over its horizon: growing, shrinking, or neither. */
public enum Regime implements WireEnum {
    EXPLODING, VANISHING, STABLE;

    @Override
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

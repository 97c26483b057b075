package org.spectralflow.model;

/** The nonlinearity φ of the recurrence h ← φ(W h + b). */
public enum Activation implements WireEnum {
    LINEAR("linear"), TANH("tanh");

    private final String wire;

    Activation(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static Activation parse(String word) {
        return WireEnum.parse(Activation.class, word, "activation");
    }

    public double apply(double x) {
        return this == TANH ? Math.tanh(x) : x;
    }

    public float apply(float x) {
        return this == TANH ? (float) Math.tanh(x) : x;
    }
}

package org.spectralflow.model;

import java.util.List;

/**
 * The recurrent cell a {@code sf.weights} record's matrix belongs to (DESIGN §6.1): how many H×H
 * gate blocks its {@code weight_hh} stacks, in PyTorch's order, and the size of its state.
 */
public enum RecurrentCell implements WireEnum {
    RNN_TANH("rnn_tanh", List.of()), RNN_RELU("rnn_relu", List.of()), LINEAR("linear", List.of()),
    LSTM("lstm", List.of("i", "f", "g", "o")), GRU("gru", List.of("r", "z", "n"));

    private final String wire;
    private final List<String> gates;

    RecurrentCell(String wire, List<String> gates) {
        this.wire = wire;
        this.gates = gates;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static RecurrentCell parse(String word) {
        return WireEnum.parse(RecurrentCell.class, word, "cell");
    }

    /** The cell a record without {@code cell} means by its {@code activation}. */
    public static RecurrentCell of(Activation a) {
        return a == Activation.LINEAR ? LINEAR : RNN_TANH;
    }

    public boolean gated() {
        return !gates.isEmpty();
    }

    /** The gate blocks' names in the order PyTorch stacks them (empty for a plain cell). */
    public List<String> gates() {
        return gates;
    }

    /** Rows of the stored matrix for hidden size n: one n×n block per gate, n for a plain cell. */
    public long rows(long n) {
        return gated() ? gates.size() * n : n;
    }

    /** The size m of the state a Jacobian acts on: (h, c) for an LSTM, h otherwise. */
    public int stateSize(int n) {
        return this == LSTM ? 2 * n : n;
    }

    /** The activation of a plain tanh or linear cell (what §3's propagation runs); null otherwise. */
    public Activation activation() {
        return switch (this) {
            case RNN_TANH -> Activation.TANH;
            case LINEAR -> Activation.LINEAR;
            default -> null;
        };
    }
}

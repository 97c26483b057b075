package org.spectralflow.math;

import org.spectralflow.model.Analysis;

/**
 * The echo state property check of DESIGN §6.5: the (leaky) tanh map driven by one input sequence
 * u_t = s·U(−1, 1)ⁿ from the zero state and K = 4 seeded starts with entries U(−1, 1), all five in
 * one block (one dgemm a step); the property holds when, after T_esp steps, every pair of the five
 * states is within 1e-6 in the max norm. The zero state matters: under zero input the property
 * means every start falls to 0, and random starts alone can all fall into one non-zero attractor.
 */
public final class EchoState {
    static final int STARTS = 4;
    public static final double TOLERANCE = 1e-6;

    private EchoState() {}

    public static Analysis.EchoState check(double[] w, int n, double leak, double[] bias, double inputScale, int steps, long seed) {
        return check(MatrixOperator.dense(w, n), leak, bias, inputScale, steps, seed);
    }

    public static Analysis.EchoState check(MatrixOperator w, double leak, double[] bias, double inputScale, int steps, long seed) {
        int n = w.n();
        int k = STARTS + 1;
        double[] h = new double[n * k], x = new double[n * k], u = new double[n];
        SeededRandom starts = new SeededRandom(seed, SeededRandom.Stream.ESP_STARTS);
        for (int i = n; i < n * k; i++) h[i] = 2 * starts.nextDouble() - 1; // column 0 is the zero state
        SeededRandom inputs = new SeededRandom(seed, SeededRandom.Stream.INPUT);
        for (int t = 0; t < steps; t++) {
            if (inputScale > 0) for (int i = 0; i < n; i++) u[i] = inputScale * (2 * inputs.nextDouble() - 1);
            w.timesBlock(h, x, k);
            for (int j = 0; j < k; j++)
                for (int i = 0; i < n; i++) {
                    int at = j * n + i;
                    h[at] = (1 - leak) * h[at] + leak * Math.tanh(x[at] + bias[i] + u[i]);
                }
        }
        double max = 0;
        for (int p = 0; p < k; p++)
            for (int q = p + 1; q < k; q++)
                for (int i = 0; i < n; i++) max = Math.max(max, Math.abs(h[p * n + i] - h[q * n + i]));
        return new Analysis.EchoState(max <= TOLERANCE, max, steps, inputScale);
    }
}

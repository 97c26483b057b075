package org.spectralflow.math;

/**
 * The largest Lyapunov exponent by the one-vector QR method (DESIGN §3): the mean of ln‖J_t u_t‖
 * after a burn-in, u_{t+1} = J_t u_t/‖J_t u_t‖. As a lockstep part it is one column through W
 * (J = W, the linear map); the tanh network applies its D_t first and calls {@link #advance}.
 * The vector is renormalised by powers of two, exactly, so the mean telescopes to a difference of
 * two logarithms of norms instead of a logarithm per step.
 */
final class LyapunovVector implements Lockstep.Part {
    private final double[] u0;
    private final int steps, burn;
    private long exp;
    private double logAtBurn, logAtEnd;
    private boolean dead;

    LyapunovVector(double[] u0, int steps) {
        this.u0 = u0;
        this.steps = steps;
        burn = burnIn(steps);
    }

    /** Burn-in before averaging: the first tenth of the run. */
    static int burnIn(int steps) {
        return steps / 10;
    }

    @Override
    public int width() {
        return 1;
    }

    @Override
    public void start(double[] in, int first, int n) {
        double norm = Vectors.norm(u0);
        for (int i = 0; i < n; i++) in[first * n + i] = u0[i] / norm;
    }

    /** Column {@code first} of out holds J_{s−1} u_{s−1}: its norm is logged, its direction goes on in {@code in}. */
    @Override
    public void advance(double[] out, double[] in, int first, int n, int s) {
        int u = first * n;
        double c = Vectors.norm(out, u, n);
        if (c == 0) dead = true; // stays 0: every later product is 0 too
        int e = LinearPropagation.exponent(c);
        exp += e;
        double scale = Math.scalb(1.0, -e);
        for (int i = u; i < u + n; i++) in[i] = out[i] * scale;
        if (s == burn || s == steps) {
            double logNorm = exp * LinearPropagation.LN2 + Math.log(c * scale); // ln‖J_{s−1}…J_0 u_0‖
            if (s == burn) logAtBurn = logNorm;
            if (s == steps) logAtEnd = logNorm;
        }
    }

    double exponent() {
        return dead ? Double.NEGATIVE_INFINITY : (logAtEnd - logAtBurn) / (steps - burn);
    }
}

package org.spectralflow.math;

import org.spectralflow.model.Analysis;
import org.spectralflow.model.Spectrum;

/**
 * Linear and tanh propagation by one fixed W, run together: every vector that goes through W
 * (the tanh state, both Lyapunov vectors) is one block, every vector that goes back through Wᵀ
 * (the linear pair and probe, the tanh gradient) another, so each step is two BLAS calls.
 */
public final class Propagation {
    /** Both halves of the result. */
    public record Result(Analysis.Linear linear, Analysis.Tanh tanh) {}

    private Propagation() {}

    /**
     * @param g the seeded unit gradient: linear propagation's start, and the tanh network's g_T
     * @param u0 the tanh network's Lyapunov start (the linear map's starts from g)
     * @param exactTransient the transient peak by {@link TransientPeak#exact} (T·N³) instead of the
     *     propagated lower bound refined at its peak step
     */
    public static Result run(double[] w, int n, Spectrum spectrum, double[] g, double delta, double[] h0, double[] bias,
                             double[] u0, int steps, double explode, boolean exactTransient) {
        return run(MatrixOperator.dense(w, n), spectrum, g, delta, h0, bias, u0, steps, explode, exactTransient);
    }

    /** As above for any W (the exact transient peak only for a dense one). */
    public static Result run(MatrixOperator w, Spectrum spectrum, double[] g, double delta, double[] h0, double[] bias,
                             double[] u0, int steps, double explode, boolean exactTransient) {
        TanhPropagation.Forward tanhForward = new TanhPropagation.Forward(h0, bias, u0, steps);
        LyapunovVector linearLyapunov = new LyapunovVector(g, steps);
        Lockstep.run(w, false, steps, tanhForward, linearLyapunov);

        LinearPropagation.Pair pair = new LinearPropagation.Pair(g, spectrum.dominantVector(), spectrum.rho(),
                spectrum.topSingularVector(), spectrum.sigma1(), delta, steps);
        TanhPropagation.Backward tanhBackward = tanhForward.backward(g);
        Lockstep.run(w, true, steps, pair, tanhBackward);
        return new Result(linearResult(w, spectrum, pair, linearLyapunov, steps, explode, exactTransient),
                tanhBackward.result(explode));
    }

    /** The linear half alone (the leaky network's linear map M, whose tanh half is not M's). */
    static Analysis.Linear linear(MatrixOperator w, Spectrum spectrum, double[] g, double delta, int steps, double explode,
                                  boolean exactTransient) {
        return linear(w, spectrum, g, delta, steps, explode, exactTransient, true);
    }

    /** @param refine whether to refine the transient peak's lower bound (else it is the propagated bound as it is) */
    static Analysis.Linear linear(MatrixOperator w, Spectrum spectrum, double[] g, double delta, int steps, double explode,
                                  boolean exactTransient, boolean refine) {
        LyapunovVector lyapunov = new LyapunovVector(g, steps);
        Lockstep.run(w, false, steps, lyapunov);
        LinearPropagation.Pair pair = new LinearPropagation.Pair(g, spectrum.dominantVector(), spectrum.rho(),
                spectrum.topSingularVector(), spectrum.sigma1(), delta, steps);
        Lockstep.run(w, true, steps, pair);
        if (!refine && !exactTransient) return pair.result(lyapunov.exponent(), explode);
        return linearResult(w, spectrum, pair, lyapunov, steps, explode, exactTransient);
    }

    private static Analysis.Linear linearResult(MatrixOperator w, Spectrum spectrum, LinearPropagation.Pair pair,
                                                LyapunovVector lyapunov, int steps, double explode, boolean exactTransient) {
        double peak = exactTransient ? TransientPeak.exact(((MatrixOperator.Dense) w).w(), w.n(), steps)
                : TransientPeak.estimate(w, steps, pair.result(0, explode).transientPeak(), pair.peakStep(),
                        spectrum.topSingularVector());
        return pair.result(lyapunov.exponent(), explode, peak);
    }
}

package org.spectralflow.math;

/**
 * The transient peak max_{1≤n≤T} ‖Bⁿ‖₂ (B = Wᵀ, so ‖Bⁿ‖₂ = ‖Wⁿ‖₂) of DESIGN §6.9: exactly, or by
 * refining the propagation's lower bound at the step where it peaked.
 */
public final class TransientPeak {
    /** Most power iterations of the refinement: each costs 2k matrix-vector products; it stops early once settled. */
    static final int REFINE_ITERATIONS = 8;

    /**
     * The default estimate: the propagated lower bound, refined by power iteration on B^k at the
     * step k where it peaked. The refinement costs at most about 3T matrix-vector products
     * (⌊T/k⌋ iterations, at least 2, at most 8, each 2k products, stopping once settled), against
     * the 7T vector steps of the propagation itself; it is still a lower bound of the true peak.
     */
    public static double estimate(MatrixOperator w, int steps, double bound, int peakStep, double[] start) {
        int iterations = Math.min(REFINE_ITERATIONS, Math.max(2, steps / peakStep));
        return Math.max(bound, refine(w, peakStep, start, iterations));
    }

    /**
     * The exact maximum: Mₙ = W Mₙ₋₁ by BLAS dgemm, σ₁(Mₙ) by Lanczos (LAPACK's SVD where it
     * cannot certify), Mₙ divided by its σ₁ after every step with the scale kept as a logarithm, so
     * that neither growth nor decay leaves the double range. Costs T·(2N³ + σ₁); stops at a zero power.
     */
    public static double exact(double[] w, int n, int steps) {
        double[] m = w.clone(), next = new double[m.length];
        double logScale = 0, peak = 0;
        for (int t = 1; t <= steps; t++) {
            if (t > 1) {
                Vectors.multiplyMatrices(w, m, n, next);
                double[] swap = m;
                m = next;
                next = swap;
            }
            double s = TopSingularValue.of(m, n).sigma1();
            if (s == 0) break;
            logScale += Math.log(s);
            peak = Math.max(peak, Math.exp(logScale));
            Vectors.scale(m, 1 / s);
        }
        return peak;
    }

    /**
     * σ₁(B^k) from below by power iteration on (B^k)ᵀ B^k from v0, renormalising at every factor:
     * each iterate's ‖B^k v‖ is a lower bound that rises to σ₁(B^k). Returns the largest seen.
     */
    public static double refine(double[] w, int n, int k, double[] v0, int iterations) {
        return refine(MatrixOperator.dense(w, n), k, v0, iterations);
    }

    static double refine(MatrixOperator w, int k, double[] v0, int iterations) {
        double[] v = v0.clone(), x = new double[w.n()];
        Vectors.scale(v, 1 / Vectors.norm(v));
        double best = 0, last = 0;
        for (int it = 0; it < iterations; it++) {
            double log = 0;
            for (int s = 0; s < k; s++) { // u = B^k v = (Wᵀ)^k v
                w.timesTransposed(v, x);
                double c = Vectors.norm(x);
                if (c == 0) return best;
                log += Math.log(c);
                for (int i = 0; i < v.length; i++) v[i] = x[i] / c;
            }
            double sigma = Math.exp(log);
            best = Math.max(best, sigma);
            if (it > 0 && Math.abs(sigma - last) <= 1e-9 * sigma) break;
            last = sigma;
            for (int s = 0; s < k; s++) { // v = (B^k)ᵀ u = W^k u
                w.times(v, x);
                double c = Vectors.norm(x);
                if (c == 0) return best;
                for (int i = 0; i < v.length; i++) v[i] = x[i] / c;
            }
        }
        return best;
    }
}

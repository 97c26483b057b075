package org.spectralflow.math;

import org.spectralflow.model.Jacobians;
import org.spectralflow.model.Trajectory;

/**
 * The trajectory statistics of sampled state Jacobians. Products are renormalised as they grow,
 * their scale kept as a logarithm, so a hundred Jacobians of norm 10 neither overflow nor lose
 * digits.
 */
public final class StateJacobians {
    private StateJacobians() {}

    /** @param u the layer's seeded unit vector of length m */
    public static Trajectory trajectory(Jacobians j, double[] u) {
        int k = j.k(), m = j.m();
        return new Trajectory(k, m, backwardRate(j, u), meanSigma1(j), productRadius(j));
    }

    /** (1/k)·ln‖J_1ᵀ J_2ᵀ ⋯ J_kᵀ u‖: J_kᵀ first, as a gradient travels back from the last step. */
    static double backwardRate(Jacobians j, double[] u) {
        int k = j.k(), m = j.m();
        double[] v = u.clone(), next = new double[m];
        double log = Math.log(Vectors.norm(v));
        for (int t = k; t >= 1; t--) {
            Vectors.multiplyTransposed(j.data(), (t - 1) * m * m, m, v, next);
            double c = Vectors.norm(next);
            if (c == 0) return Double.NEGATIVE_INFINITY;
            log += Math.log(c);
            for (int i = 0; i < m; i++) v[i] = next[i] / c;
        }
        return log / k;
    }

    static double meanSigma1(Jacobians j) {
        double sum = 0;
        for (int t = 1; t <= j.k(); t++) sum += TopSingularValue.of(j.get(t), j.m()).sigma1();
        return sum / j.k();
    }

    /** ρ(J_k ⋯ J_1)^{1/k}, from the product scaled to a largest entry of 1 after every factor. */
    static double productRadius(Jacobians j) {
        int k = j.k(), m = j.m();
        double[] p = j.get(1), next = new double[m * m];
        double logScale = 0;
        for (int t = 1; t <= k; t++) {
            if (t > 1) {
                Vectors.multiplyMatrices(j.get(t), p, m, next);
                double[] swap = p;
                p = next;
                next = swap;
            }
            double max = 0;
            for (double x : p) max = Math.max(max, Math.abs(x));
            if (max == 0) return 0;
            for (int i = 0; i < p.length; i++) p[i] /= max;
            logScale += Math.log(max);
        }
        double rho = Spectra.radius(p, m);
        return rho == 0 ? 0 : Math.exp((logScale + Math.log(rho)) / k);
    }
}

package org.spectralflow.math;

import org.spectralflow.model.CellKey;
import org.spectralflow.model.Ensemble;

/** Closed forms the statistics are held against: theory lines of cells and random-matrix constants. */
public final class Theory {
    private static final double EULER_GAMMA = 0.57721566490153286061;

    private Theory() {}

    /**
     * The theory of a cell's γ: ln ρ̄ for a fixed W (DESIGN §3); for independent Jacobians the top
     * Lyapunov exponent of the product: ln s for scaled orthogonal matrices (exact), Newman's
     * exponent with g = s otherwise (exact for gaussian with gain scaling; with radius scaling
     * each factor is normalised to ρ = s, which Newman's formula approximates as N grows).
     */
    public static double cellRate(CellKey key, double rhoBar) {
        if (key == null || !key.independentJacobians()) return Math.log(rhoBar);
        if (key.ensemble() == Ensemble.ORTHOGONAL) return Math.log(key.scale());
        return newman(key.n(), key.scale());
    }

    /** Newman (1986): the top Lyapunov exponent of products of n×n matrices with i.i.d. N(0, g²/n) entries, ln g + ½[ln(2/n) + ψ(n/2)]. */
    public static double newman(int n, double g) {
        return Math.log(g) + 0.5 * (Math.log(2.0 / n) + digammaHalf(n));
    }

    /** ψ(n/2) for a positive integer n, from ψ(1) = −γ and ψ(1/2) = −γ − 2 ln 2 by ψ(x + 1) = ψ(x) + 1/x. */
    static double digammaHalf(int n) {
        double x, psi;
        if (n % 2 == 0) {
            x = 1;
            psi = -EULER_GAMMA;
        } else {
            x = 0.5;
            psi = -EULER_GAMMA - 2 * Math.log(2);
        }
        for (; x < n / 2.0; x++) psi += 1 / x;
        return psi;
    }

    /**
     * The mean-field gradient rate of a large random tanh network with i.i.d. N(0, g²/N) weights and
     * no bias (Poole et al. 2016; Schoenholz et al. 2017): γ = ½ ln χ with χ = g² E[sech⁴(√q* z)],
     * q* the fixed point of q = g² E[tanh²(√q z)], z ~ N(0, 1). Below g = 1, q* = 0 and γ = ln g;
     * above, the network is chaotic and γ > 0. The Gaussian expectations by a fine midpoint rule.
     */
    public static double meanFieldTanhRate(double g) {
        if (!(g > 0)) return Double.NEGATIVE_INFINITY;
        if (g <= 1) return Math.log(g);
        // q* by bisection on the sign of g²E[tanh²(√q z)] − q, positive below q* and negative above
        // (q* ≤ g² as tanh² ≤ 1): geometric midpoints reach rounding in about 60 evaluations, where the
        // fixed-point iteration slows down without bound as g → 1 (its rate tends to 1)
        double lo = Double.MIN_NORMAL, hi = g * g;
        while (hi > lo * (1 + 1e-15)) {
            double q = Math.sqrt(lo) * Math.sqrt(hi);
            if (q <= lo || q >= hi) break;
            double next = 0;
            for (int i = 0; i < HERMITE_NODES.length; i++) {
                double t = Math.tanh(Math.sqrt(q) * HERMITE_NODES[i]);
                next += HERMITE_WEIGHTS[i] * t * t;
            }
            if (g * g * next > q) lo = q;
            else hi = q;
        }
        double q = Math.sqrt(lo) * Math.sqrt(hi);
        double chi = 0;
        for (int i = 0; i < HERMITE_NODES.length; i++) {
            double c = Math.cosh(Math.sqrt(q) * HERMITE_NODES[i]), s2 = 1 / (c * c);
            chi += HERMITE_WEIGHTS[i] * s2 * s2;
        }
        return 0.5 * Math.log(g * g * chi);
    }

    /** Nodes and weights (summing to 1) of E[f(z)], z ~ N(0, 1): the midpoint rule on [−10, 10]. */
    private static final double[] HERMITE_NODES, HERMITE_WEIGHTS;

    static {
        // a fine midpoint rule on [−10, 10] is exact to rounding for these smooth, bounded integrands
        int m = 4001;
        HERMITE_NODES = new double[m];
        HERMITE_WEIGHTS = new double[m];
        double h = 20.0 / m, sum = 0;
        for (int i = 0; i < m; i++) {
            HERMITE_NODES[i] = -10 + (i + 0.5) * h;
            HERMITE_WEIGHTS[i] = Math.exp(-0.5 * HERMITE_NODES[i] * HERMITE_NODES[i]);
            sum += HERMITE_WEIGHTS[i];
        }
        for (int i = 0; i < m; i++) HERMITE_WEIGHTS[i] /= sum;
    }

    /**
     * Edelman, Kostlan and Shub (1994): the expected number of real eigenvalues of an n×n matrix
     * of i.i.d. standard Gaussians, E_n = ½ + √2 · ₂F₁(1, −½; n; ½) / B(n, ½). (E_16 = 3.6165…,
     * E_64 = 6.8456…; E_n ≈ √(2n/π) for large n.)
     */
    public static double expectedRealEigenvalues(int n) {
        // ₂F₁(1, −½; n; ½) = Σ_k (−½)_k / (n)_k · (½)^k: terms shrink at least by ½ each step
        double term = 1, sum = 1;
        for (int k = 0; k < 200 && Math.abs(term) > 1e-18 * Math.abs(sum); k++) {
            term *= (-0.5 + k) / (n + k) * 0.5;
            sum += term;
        }
        // 1/B(n, ½) = Γ(n + ½)/(Γ(n) Γ(½)): the ratio Γ(n + ½)/Γ(n) by its recurrence from Γ(3/2)/Γ(1) = √π/2
        double ratio = Math.sqrt(Math.PI) / 2;
        for (int m = 1; m < n; m++) ratio *= (m + 0.5) / m;
        return 0.5 + Math.sqrt(2) * sum * ratio / Math.sqrt(Math.PI);
    }
}

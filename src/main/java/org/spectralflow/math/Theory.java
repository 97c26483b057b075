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
        // q* is the root of f(q) = g²E[tanh²(√q z)] − q, positive below it and negative above. Bracket:
        // tanh²x ≥ x² − ⅔x⁴ and E z⁴ = 3 give f(q) ≥ q(g² − 1 − 2g²q) > 0 below (g² − 1)/(2g²); f(g²) < 0
        // as tanh² < 1. Regula falsi with the Illinois rule on it converges superlinearly where bisection
        // took some 60 evaluations of the 4 001-node rule (the report's 100-point curve: 78–117 ms
        // against 315–338 ms, measured; it was most of a small sweep's report). The rule folded onto
        // z ≥ 0 with the one-exponential tanh: 15–28 ms against 58 ms (measured 2026-12-04)
        double lo = 0.5 * (g * g - 1) / (2 * g * g), hi = g * g;
        double flo = meanFieldQMap(g, lo) - lo, fhi = meanFieldQMap(g, hi) - hi;
        if (!(flo > 0)) { // the bound lost to rounding (g just above 1): the smallest normal q, still below q*
            lo = Double.MIN_NORMAL;
            flo = meanFieldQMap(g, lo) - lo;
            // q* below what the rule resolves: q* → 0 at the onset, where χ → 1 and γ → ln g
            if (!(flo > 0)) return Math.log(g);
        }
        int kept = 0; // +1 / −1: the end moved last, so the other's value is halved if it stays twice
        for (int it = 0; it < 200 && hi - lo > 1e-16 * hi && flo > 0 && fhi < 0; it++) {
            double q = (lo * fhi - hi * flo) / (fhi - flo);
            if (!(q > lo && q < hi)) q = 0.5 * (lo + hi);
            if (q <= lo || q >= hi) break; // no double strictly inside: converged to rounding
            double fq = meanFieldQMap(g, q) - q;
            if (fq > 0) {
                lo = q;
                flo = fq;
                if (kept == 1) fhi *= 0.5;
                kept = 1;
            } else if (fq < 0) {
                hi = q;
                fhi = fq;
                if (kept == -1) flo *= 0.5;
                kept = -1;
            } else {
                lo = hi = q;
            }
        }
        double q = lo == hi ? lo : flo == 0 ? lo : fhi == 0 ? hi : (lo * fhi - hi * flo) / (fhi - flo);
        if (!(q >= lo && q <= hi)) q = 0.5 * (lo + hi);
        double[][] td = tanhOnNodes(q);
        double chi = 0;
        for (int i = 0; i < NODES.length; i++) chi += WEIGHTS[i] * td[1][i] * td[1][i];
        return 0.5 * Math.log(g * g * chi);
    }

    /** g²E[tanh²(√q z)], the mean-field map of the state variance q. */
    private static double meanFieldQMap(double g, double q) {
        double[] t = tanhOnNodes(q)[0];
        double sum = 0;
        for (int i = 0; i < NODES.length; i++) sum += WEIGHTS[i] * t[i] * t[i];
        return g * g * sum;
    }

    /** tanh(√q z) and sech²(√q z) on the rule's nodes ({@link Tanh}: one exponential each, within 3 ulps). */
    private static double[][] tanhOnNodes(double q) {
        int m = NODES.length;
        double r = Math.sqrt(q);
        double[] x = new double[m], t = new double[m], d = new double[m];
        for (int i = 0; i < m; i++) x[i] = r * NODES[i];
        Tanh.withDerivative(x, 0, NO_BIAS, t, 0, d, 0, m);
        return new double[][] {t, d};
    }

    /**
     * E[f(z)], z ~ N(0, 1), for even f as Σ WEIGHTS[i]·f(NODES[i]): the midpoint rule on [−10, 10]
     * with 4 001 nodes, folded onto z ≥ 0 (the weight of each node off 0 doubled), exact to rounding
     * for these smooth, bounded integrands.
     */
    private static final double[] NODES, WEIGHTS, NO_BIAS;

    static {
        int m = 4001, half = m / 2; // node half is z = 0
        double h = 20.0 / m, sum = 0;
        NODES = new double[half + 1];
        WEIGHTS = new double[half + 1];
        for (int i = 0; i <= half; i++) {
            NODES[i] = i * h;
            WEIGHTS[i] = (i == 0 ? 1 : 2) * Math.exp(-0.5 * NODES[i] * NODES[i]);
            sum += WEIGHTS[i];
        }
        for (int i = 0; i <= half; i++) WEIGHTS[i] /= sum;
        NO_BIAS = new double[half + 1];
        java.util.Arrays.fill(NO_BIAS, -0.0); // x + (−0) is x
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

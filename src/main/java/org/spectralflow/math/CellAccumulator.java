package org.spectralflow.math;

import org.spectralflow.model.Activation;
import org.spectralflow.model.Analysis;
import org.spectralflow.model.CellStats;
import org.spectralflow.model.Contribution;

/**
 * The mergeable, order-independent statistics of one cell: exact counts, exact sums, and a
 * fixed-resolution histogram of γ. A Flink POJO, so it can live in keyed state without Kryo.
 */
public class CellAccumulator {
    public long count, exploded, vanished, stable;
    public ExactMoments gamma = new ExactMoments(), rho = new ExactMoments(), sigma1 = new ExactMoments(),
            lyapunov = new ExactMoments(), subnormalF32 = new ExactMoments(), forgetF32 = new ExactMoments(),
            subnormalF64 = new ExactMoments(), forgetF64 = new ExactMoments();
    public RateHistogram gammaHistogram = new RateHistogram();
    /** ρ in bins of 10⁻⁴: its quantiles are within ±5·10⁻⁵ (a cell's ρ spans one bin width or so: a few hundred bins). */
    public RateHistogram rhoHistogram = new RateHistogram();
    public long dominantReal, espChecked, espViolated;
    public ExactMoments realEigs = new ExactMoments(), sigma1OverRho = new ExactMoments(), effectiveRho = new ExactMoments();
    /** One per requested Lyapunov exponent, in order; empty when none were requested. */
    public ExactMoments[] lyapunovSpectrum = new ExactMoments[0];

    public CellAccumulator() {}

    /** Adds one matrix's analysis; γ, Lyapunov exponent and outcome come from the cell's activation. */
    public void add(Analysis a, Activation activation) {
        add(Contribution.of(a, activation));
    }

    public void add(Contribution c) {
        count++;
        switch (c.outcome()) {
            case EXPLODED -> exploded++;
            case VANISHED -> vanished++;
            case STABLE -> stable++;
        }
        gamma.add(c.gamma());
        gammaHistogram.add(c.gamma());
        rho.add(c.rho());
        sigma1.add(c.sigma1());
        lyapunov.add(c.lyapunov());
        addStep(subnormalF32, c.subnormalF32());
        addStep(forgetF32, c.forgetF32());
        addStep(subnormalF64, c.subnormalF64());
        addStep(forgetF64, c.forgetF64());
        rhoHistogram.add(c.rho());
        if (c.realEigs() >= 0) realEigs.add(c.realEigs()); // −1: a Krylov spectrum, which does not know them all
        if (c.dominantReal()) dominantReal++;
        if (c.esp() >= 0) {
            espChecked++;
            if (c.esp() == 0) espViolated++;
        }
        if (c.rho() > 0) sigma1OverRho.add(c.sigma1() / c.rho());
        effectiveRho.add(c.effectiveRho());
        double[] ls = c.lyapunovSpectrum();
        grow(ls.length);
        for (int i = 0; i < ls.length; i++) lyapunovSpectrum[i].add(ls[i]);
    }

    private void grow(int k) {
        if (lyapunovSpectrum.length >= k) return;
        ExactMoments[] more = java.util.Arrays.copyOf(lyapunovSpectrum, k);
        for (int i = lyapunovSpectrum.length; i < k; i++) more[i] = new ExactMoments();
        lyapunovSpectrum = more;
    }

    private static void addStep(ExactMoments m, int step) {
        if (step >= 0) m.add(step);
    }

    public void merge(CellAccumulator o) {
        count += o.count;
        exploded += o.exploded;
        vanished += o.vanished;
        stable += o.stable;
        gamma.merge(o.gamma);
        rho.merge(o.rho);
        sigma1.merge(o.sigma1);
        lyapunov.merge(o.lyapunov);
        subnormalF32.merge(o.subnormalF32);
        forgetF32.merge(o.forgetF32);
        subnormalF64.merge(o.subnormalF64);
        forgetF64.merge(o.forgetF64);
        gammaHistogram.merge(o.gammaHistogram);
        rhoHistogram.merge(o.rhoHistogram);
        dominantReal += o.dominantReal;
        espChecked += o.espChecked;
        espViolated += o.espViolated;
        realEigs.merge(o.realEigs);
        sigma1OverRho.merge(o.sigma1OverRho);
        effectiveRho.merge(o.effectiveRho);
        grow(o.lyapunovSpectrum.length);
        for (int i = 0; i < o.lyapunovSpectrum.length; i++) lyapunovSpectrum[i].merge(o.lyapunovSpectrum[i]);
    }

    /** The statistics of a cell of one fixed W (theory line ln ρ̄). */
    public CellStats stats() {
        return stats(null);
    }

    /** The statistics, with the theory line of the cell {@code key} names (null: a fixed W) (see {@link Theory#cellRate}). */
    public CellStats stats(org.spectralflow.model.CellKey key) {
        double rhoBar = rho.mean();
        double[] lyapunovMeans = new double[lyapunovSpectrum.length];
        for (int i = 0; i < lyapunovMeans.length; i++) lyapunovMeans[i] = lyapunovSpectrum[i].mean();
        org.spectralflow.model.SpectralStats spectral = new org.spectralflow.model.SpectralStats(rhoHistogram.quantile(0.05),
                rhoHistogram.quantile(0.5), rhoHistogram.quantile(0.95), realEigs.mean(),
                count == 0 ? Double.NaN : (double) dominantReal / count, sigma1OverRho.mean(), effectiveRho.mean(),
                espChecked == 0 ? Double.NaN : (double) espViolated / espChecked,
                lyapunovMeans, Theory.cellRate(key, rhoBar));
        return new CellStats(count, exploded, vanished, stable, gamma.mean(), gamma.sd(), rhoBar, rho.sd(),
                sigma1.mean(), sigma1.sd(), lyapunov.mean(), lyapunov.sd(), gammaHistogram.quantile(0.05),
                gammaHistogram.quantile(0.5), gammaHistogram.quantile(0.95), Math.log(rhoBar),
                subnormalF32.mean(), forgetF32.mean(), subnormalF64.mean(), forgetF64.mean(), spectral);
    }
}

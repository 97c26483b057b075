package org.spectralflow.math;

import org.spectralflow.model.Activation;
import org.spectralflow.model.Analysis;
import org.spectralflow.model.CellStats;
import org.spectralflow.model.Outcome;

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

    public CellAccumulator() {}

    /** Adds one matrix's analysis; γ, Lyapunov exponent and outcome come from the cell's activation. */
    public void add(Analysis a, Activation activation) {
        boolean linear = activation == Activation.LINEAR;
        double g = linear ? a.linear().rate() : a.tanh().rate();
        double lyap = linear ? a.linear().lyapunov() : a.tanh().lyapunov();
        Outcome o = linear ? a.linear().outcome() : a.tanh().outcome();
        count++;
        switch (o) {
            case EXPLODED -> exploded++;
            case VANISHED -> vanished++;
            case STABLE -> stable++;
        }
        gamma.add(g);
        gammaHistogram.add(g);
        rho.add(a.spectrum().rho());
        sigma1.add(a.spectrum().sigma1());
        lyapunov.add(lyap);
        addSteps(a.precision().get("f32"), subnormalF32, forgetF32);
        addSteps(a.precision().get("f64"), subnormalF64, forgetF64);
    }

    private static void addSteps(Analysis.FinitePrecision p, ExactMoments subnormal, ExactMoments forget) {
        if (p == null) return;
        if (p.subnormalStep() >= 0) subnormal.add(p.subnormalStep());
        if (p.forgetStep() >= 0) forget.add(p.forgetStep());
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
    }

    public CellStats stats() {
        double rhoBar = rho.mean();
        return new CellStats(count, exploded, vanished, stable, gamma.mean(), gamma.sd(), rhoBar, rho.sd(),
                sigma1.mean(), sigma1.sd(), lyapunov.mean(), lyapunov.sd(), gammaHistogram.quantile(0.05),
                gammaHistogram.quantile(0.5), gammaHistogram.quantile(0.95), Math.log(rhoBar),
                subnormalF32.mean(), forgetF32.mean(), subnormalF64.mean(), forgetF64.mean());
    }
}

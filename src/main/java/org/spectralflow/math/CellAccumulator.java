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
    }

    public CellStats stats() {
        double rhoBar = rho.mean();
        return new CellStats(count, exploded, vanished, stable, gamma.mean(), gamma.sd(), rhoBar, rho.sd(),
                sigma1.mean(), sigma1.sd(), lyapunov.mean(), lyapunov.sd(), gammaHistogram.quantile(0.05),
                gammaHistogram.quantile(0.5), gammaHistogram.quantile(0.95), Math.log(rhoBar),
                subnormalF32.mean(), forgetF32.mean(), subnormalF64.mean(), forgetF64.mean());
    }
}

package org.spectralflow.math;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.spectralflow.model.Activation;
import org.spectralflow.model.Analysis;
import org.spectralflow.model.AnalysisRequest;
import org.spectralflow.model.CellStats;
import org.spectralflow.model.Ensemble;
import org.spectralflow.model.MatrixRecipe;
import org.spectralflow.model.Precision;
import org.spectralflow.model.Scaling;

/** Statistics that do not depend on order or partitioning, checked against direct computation. */
class CellAccumulatorTest {

    static List<Analysis> analyses(int count) {
        List<Analysis> out = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            double r = 0.85 + 0.3 * (k % 7) / 6.0;
            double[] w = MatrixGenerator.generate(new MatrixRecipe(Ensemble.GAUSSIAN, 12, 1, Scaling.RADIUS, r), k);
            out.add(Analyzer.analyze(AnalysisRequest.of("a" + k, 12, w).withSeed(k).withSteps(60)
                    .withPrecision(k % 2 == 0 ? Precision.F32 : Precision.NONE)));
        }
        return out;
    }

    @Test
    void shuffledOrdersAndPartitionsGiveTheSameStatistics() {
        List<Analysis> all = analyses(60);
        CellAccumulator reference = new CellAccumulator();
        all.forEach(a -> reference.add(a, Activation.LINEAR));
        CellStats ref = reference.stats();
        Random shuffle = new Random(1);
        for (int trial = 0; trial < 10; trial++) {
            List<Analysis> copy = new ArrayList<>(all);
            Collections.shuffle(copy, shuffle);
            int parts = 1 + trial % 4;
            List<CellAccumulator> accs = new ArrayList<>();
            for (int p = 0; p < parts; p++) accs.add(new CellAccumulator());
            for (int i = 0; i < copy.size(); i++) accs.get(shuffle.nextInt(parts)).add(copy.get(i), Activation.LINEAR);
            CellAccumulator merged = new CellAccumulator();
            Collections.shuffle(accs, shuffle);
            accs.forEach(merged::merge);
            assertEquals(ref, merged.stats(), "exact sums make even the last bit order-independent");
        }
    }

    @Test
    void statisticsEqualADirectComputation() {
        List<Analysis> all = analyses(60);
        CellAccumulator acc = new CellAccumulator();
        all.forEach(a -> acc.add(a, Activation.LINEAR));
        CellStats s = acc.stats();
        double[] g = all.stream().mapToDouble(a -> a.linear().rate()).toArray();
        double mean = java.util.Arrays.stream(g).average().orElseThrow();
        double var = java.util.Arrays.stream(g).map(x -> (x - mean) * (x - mean)).sum() / (g.length - 1);
        assertEquals(mean, s.gammaMean(), 1e-14);
        assertEquals(Math.sqrt(var), s.gammaSd(), 1e-12);
        double[] sorted = g.clone();
        java.util.Arrays.sort(sorted);
        for (double p : new double[] {0.05, 0.5, 0.95}) {
            double exact = sorted[(int) Math.ceil(p * g.length) - 1];
            double q = p == 0.05 ? s.gammaP05() : p == 0.5 ? s.gammaP50() : s.gammaP95();
            assertEquals(exact, q, RateHistogram.WIDTH / 2 + 1e-15, "quantile " + p);
        }
        long exploded = all.stream().filter(a -> a.linear().outcome() == org.spectralflow.model.Outcome.EXPLODED).count();
        assertEquals(exploded, s.exploded());
        assertEquals(60, s.exploded() + s.vanished() + s.stable());
        double rhoMean = all.stream().mapToDouble(a -> a.spectrum().rho()).average().orElseThrow();
        assertEquals(Math.log(rhoMean), s.lnRhoBar(), 1e-14);
        double sub = all.stream().filter(a -> a.precision().containsKey("f32"))
                .mapToDouble(a -> a.precision().get("f32").subnormalStep()).filter(x -> x >= 0).average().orElse(Double.NaN);
        assertEquals(sub, s.subnormalF32Mean(), 1e-9);
        assertTrue(Double.isNaN(s.subnormalF64Mean()));
    }

    @Test
    void radiusScaledCellsHaveAZeroSpreadOfRhoNotRoundingNoise() {
        CellAccumulator acc = new CellAccumulator();
        for (int k = 0; k < 5; k++) acc.rho.add(1.05);
        assertEquals(0.0, acc.stats().rhoSd());
        assertEquals(1.05, acc.stats().rhoMean());
    }
}

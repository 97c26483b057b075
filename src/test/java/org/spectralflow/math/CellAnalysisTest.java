package org.spectralflow.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.spectralflow.model.Activation;
import org.spectralflow.model.Analysis;
import org.spectralflow.model.AnalysisOptions;
import org.spectralflow.model.Contribution;
import org.spectralflow.model.Ensemble;
import org.spectralflow.model.Precision;
import org.spectralflow.model.Scaling;
import org.spectralflow.model.Spec;
import org.spectralflow.model.SweepGrid;

/** A cell's share of the analysis ({@link Analyzer#forCell}) gives the contribution the full analysis gives. */
class CellAnalysisTest {
    @ParameterizedTest(name = "{0} {1} N = {2}")
    @CsvSource({"gaussian, linear, 64", "gaussian, tanh, 64", "sparse, tanh, 3000", "sparse, linear, 3000", "orthogonal, tanh, 16"})
    void theCellsHalfGivesTheFullAnalysissContribution(String ensemble, String activation, int n) {
        SweepGrid g = new SweepGrid("c", 3, List.of(Ensemble.parse(ensemble)), List.of(n), Scaling.RADIUS, List.of(0.95, 1.05),
                List.of(Activation.parse(activation)), List.of(Precision.NONE), 2, 150, 1e-6, n > 2048 ? 0.003 : 1.0, 0.1, 1e6, 0.05,
                false, 2000, new AnalysisOptions(2, false, 1.0, true, 300, 0.0));
        for (Spec s : g.specs()) {
            Analysis full = Analyzer.analyze(s), cell = Analyzer.forCell(s);
            Contribution a = Contribution.of(full, s.activation()), b = Contribution.of(cell, s.activation());
            // a narrower BLAS block may round differently: equal to 1e-12, not necessarily bit for bit
            assertEquals(a.gamma(), b.gamma(), 1e-12 * Math.abs(a.gamma()), s.id() + " γ");
            assertEquals(a.lyapunov(), b.lyapunov(), 1e-12 * Math.abs(a.lyapunov()), s.id() + " lyapunov");
            assertEquals(a.outcome(), b.outcome());
            assertEquals(a.rho(), b.rho());
            assertEquals(a.sigma1(), b.sigma1());
            assertEquals(a.esp(), b.esp());
            assertEquals(a.lyapunovSpectrum()[0], b.lyapunovSpectrum()[0]);
            if (s.activation() == Activation.LINEAR) assertNull(cell.tanh());
            else assertNull(cell.linear());
        }
    }
}

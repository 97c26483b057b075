package org.spectralflow.math;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.spectralflow.codec.MatrixFiles;
import org.spectralflow.model.DenseMatrix;
import org.spectralflow.model.Spectrum;

/** Spectra against reference values numpy/LAPACK computed (src/test/resources/fixtures/make_fixtures.py). */
class LapackFixtureTest {

    static byte[] resource(String name) throws Exception {
        try (InputStream in = LapackFixtureTest.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gaussian50", "nonnormal30", "lowrank40", "scaled_companion6", "uniform_f32_fortran64"})
    void spectrumMatchesLapackReference(String name) throws Exception {
        DenseMatrix m = MatrixFiles.npy(resource(name + ".npy"), 4096);
        JsonNode ref = new ObjectMapper().readTree(resource(name + ".json"));
        Spectrum s = Spectra.analyze(m.rowMajor(), m.n());
        double[][] expected = new double[2][m.n()];
        double rho = 0;
        for (int i = 0; i < m.n(); i++) {
            expected[0][i] = ref.get("re").get(i).asDouble();
            expected[1][i] = ref.get("im").get(i).asDouble();
            rho = Math.max(rho, Math.hypot(expected[0][i], expected[1][i]));
        }
        SpectraTest.assertSpectrum(expected, s, 1e-9 * Math.max(1, rho));
        assertEquals(rho, s.rho(), 1e-10 * Math.max(1, rho));
        assertEquals(ref.get("sigma1").asDouble(), s.sigma1(), 1e-12 * ref.get("sigma1").asDouble());
        double fro = ref.get("frobenius").asDouble();
        double eig2 = 0;
        for (int i = 0; i < m.n(); i++) eig2 += expected[0][i] * expected[0][i] + expected[1][i] * expected[1][i];
        assertEquals(Math.sqrt(Math.max(0, fro * fro - eig2)) / fro, s.departure(), 1e-6);
    }
}

package org.spectralflow.codec;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.spectralflow.math.Analyzer;
import org.spectralflow.math.CellAccumulator;
import org.spectralflow.model.Analysis;
import org.spectralflow.model.CellAggregate;
import org.spectralflow.model.CellKey;
import org.spectralflow.model.Spec;

/** lyapunov_k and transient through specs, analyses and sf.stats: decoded, checked, carried, aggregated. */
class AnalysisOptionsCodecTest {
    static Spec spec(String extra) {
        String json = HostileCorpus.validSpec().replace("\"steps\":20}", "\"steps\":40" + extra + "}");
        return SpecCodec.decode(json.getBytes(StandardCharsets.UTF_8), 4096);
    }

    @Test
    void specsCarryTheOptionsIntoTheAnalysisAndTheCell() throws Exception {
        Spec s = spec(",\"lyapunov_k\":3,\"transient\":\"exact\"");
        assertEquals(3, s.options().lyapunovK());
        assertTrue(s.options().exactTransient());
        assertEquals(s, SpecCodec.decode(Json.bytes(SpecCodec.encode(s)), 4096), "round trip");
        Analysis a = Analyzer.analyze(s);
        assertEquals(3, a.lyapunovSpectrum().exponents().length);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(Json.bytes(AnalysisCodec.encode(a)));
        assertEquals(3, json.get("tanh").get("lyapunov_spectrum").size(), "in the block of the spec's map");
        assertFalse(json.get("linear").has("lyapunov_spectrum"));
        assertEquals(a.tanh().lyapunov(), json.get("tanh").get("lyapunov_spectrum").get(0).asDouble(), 0.05,
                "the spectrum's top exponent near the one-vector method's");
        // a cell's trials must agree on the options
        assertNotNull(spec("").definition().disagreement(s.definition(), "the cell's earlier trials"));
        // the mean spectrum reaches sf.stats and comes back
        CellAccumulator acc = new CellAccumulator();
        acc.add(a, s.activation());
        CellKey key = CellKey.of(s, s.bin(a.spectrum().rho()));
        CellAggregate r = new CellAggregate(key, 4, 1, false, acc.stats(key));
        CellAggregate back = StatsCodec.decode(Json.bytes(StatsCodec.encode(r)));
        assertArrayEquals(a.lyapunovSpectrum().exponents(), back.stats().spectral().lyapunovSpectrumMean(), 1e-15);
        assertEquals(r.stats().spectral(), back.stats().spectral());
        assertEquals(key, back.key());
    }

    @Test
    void badOptionsAreRejectedWithTheirReason() {
        assertTrue(assertThrows(InvalidRecordException.class, () -> spec(",\"lyapunov_k\":7")).getMessage().contains("lyapunov_k"));
        assertTrue(assertThrows(InvalidRecordException.class, () -> spec(",\"lyapunov_k\":0")).getMessage().contains("lyapunov_k"));
        assertTrue(assertThrows(InvalidRecordException.class, () -> spec(",\"transient\":\"Exact\"")).getMessage()
                .contains("transient must be 'estimate' or 'exact'"));
        String huge = HostileCorpus.validSpec().replace("\"n\":6", "\"n\":1024").replace("\"steps\":20", "\"steps\":1000")
                .replace("}", ",\"transient\":\"exact\"}");
        String reason = assertThrows(InvalidRecordException.class, () -> SpecCodec.decode(huge.getBytes(StandardCharsets.UTF_8), 4096))
                .getMessage();
        assertTrue(reason.contains("transient exact") && reason.contains("2^36"), reason);
    }
}

package org.spectralflow.codec;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.spectralflow.model.Activation;
import org.spectralflow.model.Ensemble;
import org.spectralflow.model.Precision;
import org.spectralflow.model.Scaling;
import org.spectralflow.model.Spec;
import org.spectralflow.model.SweepGrid;

/** Wire formats: round trips, DESIGN's example record, and the error classes in words. */
class CodecTest {

    @Test
    void designExampleSpecDecodes() {
        String example = "{\"v\":1,\"sweep\":\"s1\",\"id\":\"s1/17/3\",\"cell\":17,\"cell_trials\":200,\"trial\":3,\"seed\":8301467234,"
                + "\"ensemble\":\"gaussian\",\"n\":64,\"density\":1.0,\"scaling\":\"radius\",\"scale\":1.05,\"activation\":\"tanh\","
                + "\"bias_std\":0.0,\"steps\":100,\"delta\":1e-6,\"precision\":\"f64\",\"explode\":1e6,\"bin_width\":0.05,\"extra\":\"ignored\"}";
        Spec s = SpecCodec.decode(example.getBytes(), 4096);
        assertEquals("s1/17/3", s.id());
        assertEquals(8301467234L, s.seed());
        assertEquals(Ensemble.GAUSSIAN, s.ensemble());
        assertEquals(Scaling.RADIUS, s.scaling());
        assertEquals(Activation.TANH, s.activation());
        assertEquals(Precision.F64, s.precision());
        assertEquals(1.05, s.scale());
        assertEquals("1.05", s.bin(1.0499999999));
        Spec again = SpecCodec.decode(Json.bytes(SpecCodec.encode(s)), 4096);
        assertEquals(SpecCodec.encode(s), SpecCodec.encode(again));
    }

    @Test
    void gridRangesAreExactAndSeedsDeterministic() {
        assertEquals(java.util.List.of(0.8, 0.9, 1.0, 1.1, 1.2), SweepGrid.parseNumbers("0.8:1.2:0.1", "x"));
        SweepGrid g = new SweepGrid("g", 5, java.util.List.of(Ensemble.GAUSSIAN), java.util.List.of(8), Scaling.GAIN,
                java.util.List.of(1.0, 2.0), java.util.List.of(Activation.LINEAR), java.util.List.of(Precision.NONE), 3, 10,
                1e-6, 1, 0, 1e6, 0.05, false, 100);
        assertEquals(6, g.size());
        java.util.Set<Long> seeds = new java.util.HashSet<>();
        for (Spec s : g.specs()) seeds.add(s.seed());
        assertEquals(6, seeds.size());
        assertNotEquals(g.spec(1, 0).seed(), g.spec(0, 1).seed(), "cell and trial are not interchangeable in the seed");
        assertEquals("g/1/2", g.spec(1, 2).id());
        assertEquals(2.0, g.spec(1, 2).scale(), "cells run over the scales");
    }

    @Test
    void f32AndF64Base64Decode() {
        double[] w = {1.5, -2.25, 3.0, 0.125};
        for (String dtype : new String[] {"f32", "f64"}) {
            String rec = "{\"v\":1,\"n\":2,\"dtype\":\"" + dtype + "\",\"data_b64\":\"" + MatrixCodec.base64(w, dtype) + "\"}";
            assertArrayEquals(w, AnalysisCodec.decodeRequest(Json.parseObject(rec.getBytes()), 16, true, "x").w());
        }
    }

    @Test
    void errorsSayWhatIsWrong() {
        String[][] cases = {
                {"", "empty payload"},
                {"{\"v\":1,", "malformed JSON"},
                {"{\"n\":2,\"data\":[1,2,3,4]}", "missing required field 'v'"},
                {"{\"v\":2,\"n\":2,\"data\":[1,2,3,4]}", "unknown version"},
                {"{\"v\":1,\"n\":-2,\"data\":[1,2,3,4]}", "n must be positive"},
                {"{\"v\":1,\"n\":99999999,\"data\":[]}", "above the configured maximum"},
                {"{\"v\":1,\"n\":2.5,\"data\":[1,2,3,4]}", "must be an integer"},
                {"{\"v\":1,\"n\":2,\"data\":[1,2,3]}", "expected n² = 4"},
                {"{\"v\":1,\"n\":2,\"data\":[1,2,\"x\",4]}", "not a number"},
                {"{\"v\":1,\"n\":2,\"data\":[1,2,NaN,4]}", "entries must be finite"},
                {"{\"v\":1,\"n\":2,\"data_b64\":\"!!!!\"}", "data_b64"},
                {"{\"v\":1,\"n\":1,\"data_b64\":\"AAAA*AAA8D8=\"}", "bad base64"},
                {"{\"v\":1,\"n\":2,\"dtype\":\"f16\",\"data_b64\":\"AAAA\"}", "dtype"},
                {"{\"v\":1,\"n\":2}", "missing required field 'data' or 'data_b64'"},
        };
        for (String[] c : cases) {
            InvalidRecordException e = assertThrows(InvalidRecordException.class,
                    () -> AnalysisCodec.decodeRequest(Json.parseObject(c[0].getBytes()), 4096, true, "x"), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " → " + e.getMessage());
        }
        // a trajectory too long to keep (steps × n above the limit) is refused before any work
        String big = "{\"v\":1,\"model\":\"m\",\"layer\":\"l\",\"step\":1,\"n\":64,\"horizon\":1000000,\"data_b64\":\""
                + MatrixCodec.base64(new double[64 * 64], "f32") + "\",\"dtype\":\"f32\"}";
        InvalidRecordException tooLong = assertThrows(InvalidRecordException.class, () -> WeightsCodec.decode(big.getBytes(), 4096));
        assertTrue(tooLong.getMessage().contains("steps × n"), tooLong.getMessage());
        byte[] inf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(Double.POSITIVE_INFINITY).array();
        String rec = "{\"v\":1,\"n\":1,\"data_b64\":\"" + Base64.getEncoder().encodeToString(inf) + "\"}";
        assertThrows(InvalidRecordException.class, () -> AnalysisCodec.decodeRequest(Json.parseObject(rec.getBytes()), 16, true, "x"));
    }
}

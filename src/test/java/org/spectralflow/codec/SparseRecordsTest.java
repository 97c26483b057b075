package org.spectralflow.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.spectralflow.model.AnalysisRequest;
import org.spectralflow.model.DenseMatrix;
import org.spectralflow.model.SparseMatrix;
import org.spectralflow.model.Spec;

/** Records above the dense limit (DESIGN §6.3): which stay CSR, which are refused, and why, before anything is built. */
class SparseRecordsTest {
    private static String spec(String ensemble, int n, double density, String extra) {
        return "{\"v\":1,\"sweep\":\"s\",\"id\":\"s/0/0\",\"cell\":0,\"cell_trials\":4,\"trial\":0,\"seed\":5,\"ensemble\":\"" + ensemble
                + "\",\"n\":" + n + ",\"density\":" + density + ",\"scaling\":\"radius\",\"scale\":1.0,\"activation\":\"tanh\",\"steps\":100"
                + extra + "}";
    }

    private static String refusal(String json) {
        return assertThrows(InvalidRecordException.class, () -> SpecCodec.decode(json.getBytes(), 4096), json).getMessage();
    }

    /** An n-diagonal CSR record: W = 0.5 I shifted by one column. */
    private static String shiftCsr(int n) {
        StringBuilder p = new StringBuilder("[0"), j = new StringBuilder("["), d = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            p.append(',').append(i + 1);
            j.append(i == 0 ? "" : ",").append((i + 1) % n);
            d.append(i == 0 ? "" : ",").append("0.5");
        }
        return ",\"format\":\"csr\",\"indptr\":" + p + "],\"indices\":" + j + "],\"data\":" + d + "]";
    }

    @Test
    void aSparseEnsembleAboveTheDenseLimitIsCsrAndMayExceedMaxN() {
        Spec s = SpecCodec.decode(spec("sparse", 100_000, 1e-4, "").getBytes(), 4096);
        assertTrue(s.csr());
        assertEquals(2048, s.options().denseMaxN());
        Spec small = SpecCodec.decode(spec("sparse", 3000, 0.01, ",\"dense_max_n\":4096").getBytes(), 4096);
        assertFalse(small.csr(), "dense_max_n keeps N = 3000 dense");
        assertTrue(SpecCodec.decode(spec("sparse", 3000, 0.01, "").getBytes(), 4096).csr());
        // the limit travels with the spec and is cell-defining: a round trip keeps it
        Spec again = SpecCodec.decode(Json.bytes(SpecCodec.encode(small)), 4096);
        assertEquals(4096, again.options().denseMaxN());
    }

    @Test
    void whatCannotBeSparseOrIsTooLargeIsRefusedWithItsReason() {
        assertTrue(refusal(spec("gaussian", 100_000, 1, "")).contains("n = 100000 is above the configured maximum 4096"));
        assertTrue(refusal(spec("sparse", 100_000, 0.01, "")).contains("expected nonzeros is above the limit"));
        assertTrue(refusal(spec("sparse", 2_000_000, 1e-7, "")).contains("n = 2000000"));
        assertTrue(refusal(spec("sparse", 5000, 0.001, ",\"jacobian\":\"independent\"")).contains("needs a dense matrix"));
        assertTrue(refusal(spec("sparse", 5000, 0.001, ",\"transient\":\"exact\"")).contains("needs a dense matrix"));
        assertTrue(refusal(spec("sparse", 5000, 0.001, ",\"dense_max_n\":5000")).contains("dense_max_n"));
        // the work limit counts nnz, not n²: 10⁴ finite-precision steps × 10⁷ nonzeros exceed 2^36
        assertTrue(refusal(spec("sparse", 100_000, 1e-3, ",\"precision\":\"f32\",\"precision_budget\":10000"))
                .contains("precision_budget × nnz"));
        SpecCodec.decode(spec("sparse", 100_000, 1e-3, ",\"precision\":\"f32\",\"precision_budget\":1000").getBytes(), 4096);
    }

    @Test
    void aGivenCsrMatrixStaysCsrAboveTheLimitAndRoundTrips() {
        String json = spec("given", 3000, 1, shiftCsr(3000));
        Spec s = SpecCodec.decode(json.getBytes(), 4096);
        SparseMatrix m = assertInstanceOf(SparseMatrix.class, s.data());
        assertEquals(3000, m.nnz());
        assertEquals(s, SpecCodec.decode(Json.bytes(SpecCodec.encode(s)), 4096));
        Spec dense = SpecCodec.decode(spec("given", 3000, 1, shiftCsr(3000) + ",\"dense_max_n\":4096").getBytes(), 4096);
        assertInstanceOf(DenseMatrix.class, dense.data());
    }

    @Test
    void anAnalyzeRequestInCsrAboveMaxNIsAccepted() {
        String json = "{\"n\":6000" + shiftCsr(6000) + "}";
        AnalysisRequest r = AnalysisCodec.decodeRequest(Json.parseObject(json.getBytes()), 4096, false, "x");
        assertTrue(r.sparse());
        assertEquals(6000, r.n());
        String dense = "{\"n\":6000,\"data\":[0]}";
        assertTrue(assertThrows(InvalidRecordException.class,
                () -> AnalysisCodec.decodeRequest(Json.parseObject(dense.getBytes()), 4096, false, "x")).getMessage().contains("6000"));
    }
}

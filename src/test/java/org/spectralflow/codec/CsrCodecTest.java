package org.spectralflow.codec;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.spectralflow.model.AnalysisRequest;

/** The csr wire format (DESIGN §6.3): the same matrix as dense, and every malformed csr refused with its reason. */
class CsrCodecTest {
    static AnalysisRequest decode(String json) {
        return AnalysisCodec.decodeRequest(Json.parseObject(json.getBytes()), 4096, false, "x");
    }

    static String b64(int... xs) {
        ByteBuffer b = ByteBuffer.allocate(4 * xs.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int x : xs) b.putInt(x);
        return Base64.getEncoder().encodeToString(b.array());
    }

    @Test
    void csrAndDenseGiveTheSameMatrix() {
        // [[0, 2, 0], [1, 0, 3], [0, 0, 0]]
        double[] dense = {0, 2, 0, 1, 0, 3, 0, 0, 0};
        AnalysisRequest arrays = decode("{\"n\":3,\"format\":\"csr\",\"indptr\":[0,1,3,3],\"indices\":[1,0,2],\"data\":[2,1,3]}");
        assertArrayEquals(dense, arrays.w());
        AnalysisRequest b64 = decode("{\"n\":3,\"format\":\"csr\",\"indptr_b64\":\"" + b64(0, 1, 3, 3) + "\",\"indices_b64\":\""
                + b64(1, 0, 2) + "\",\"dtype\":\"f64\",\"data_b64\":\"" + MatrixCodec.base64(new double[] {2, 1, 3}, "f64") + "\"}");
        assertArrayEquals(dense, b64.w());
        assertArrayEquals(new double[9], decode("{\"n\":3,\"format\":\"csr\",\"indptr\":[0,0,0,0],\"indices\":[],\"data\":[]}").w());
    }

    @Test
    void malformedCsrIsRefusedWithItsReason() {
        String[][] bad = {
                {"\"indptr\":[0,1,3,3],\"indices\":[1,2,0],\"data\":[2,1,3]", "strictly increasing"},
                {"\"indptr\":[0,1,3,3],\"indices\":[1,2,2],\"data\":[2,1,3]", "strictly increasing"},
                {"\"indptr\":[0,1,3,3],\"indices\":[1,0,3],\"data\":[2,1,3]", "out of range"},
                {"\"indptr\":[0,2,1,3],\"indices\":[1,0,2],\"data\":[2,1,3]", "indptr decreases"},
                {"\"indptr\":[1,1,3,3],\"indices\":[1,0,2],\"data\":[2,1,3]", "indptr[0] must be 0"},
                {"\"indptr\":[0,1,3],\"indices\":[1,0,2],\"data\":[2,1,3]", "indptr has 3 entries, expected 4"},
                {"\"indptr\":[0,1,3,3],\"indices\":[1,0,2],\"data\":[2,1]", "data has 2 entries"},
                {"\"indptr\":[0,1,3,3],\"indices\":[1,0.5,2],\"data\":[2,1,3]", "must be an int32"},
                {"\"indptr\":[0,1,3,3],\"indices\":[1,0,2],\"data\":[2,\"NaN\",3]", "not a number"},
                {"\"indptr\":[0,1,3,10],\"indices\":[1,0,2],\"data\":[2,1,3]", "above the limit"},
                {"\"indptr\":[0,1,3,3],\"data\":[2,1,3]", "needs 'indices'"},
        };
        for (String[] b : bad) {
            String msg = assertThrows(InvalidRecordException.class,
                    () -> decode("{\"n\":3,\"format\":\"csr\"," + b[0] + "}"), b[0]).getMessage();
            assertTrue(msg.contains(b[1]), b[0] + " → " + msg);
        }
        assertTrue(assertThrows(InvalidRecordException.class, () -> decode("{\"n\":2,\"format\":\"coo\",\"data\":[1,2,3,4]}"))
                .getMessage().contains("format must be 'dense' or 'csr'"));
    }
}

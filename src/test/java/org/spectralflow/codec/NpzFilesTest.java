package org.spectralflow.codec;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;
import org.spectralflow.math.Spectra;
import org.spectralflow.model.DenseMatrix;

/** scipy.sparse.save_npz files (fixtures made by make_npz_fixtures.py with SciPy) read into the same matrix as NumPy's dense one. */
class NpzFilesTest {
    static byte[] fixture(String name) throws Exception {
        try (InputStream in = NpzFilesTest.class.getResourceAsStream("/fixtures/" + name)) {
            return in.readAllBytes();
        }
    }

    @Test
    void csrCscAndCooGiveNumpysMatrix() throws Exception {
        JsonNode ref = new ObjectMapper().readTree(fixture("sparse40.json"));
        double[] dense = new double[ref.get("dense").size()];
        for (int i = 0; i < dense.length; i++) dense[i] = ref.get("dense").get(i).asDouble();
        for (String f : new String[] {"csr", "csc", "coo"}) {
            byte[] bytes = fixture("sparse40_" + f + ".npz");
            assertTrue(NpzFiles.isZip(bytes));
            DenseMatrix m = NpzFiles.read(bytes, 4096);
            assertArrayEquals(dense, m.rowMajor(), 0, f + " (the duplicate COO entry summed, as SciPy does)");
            assertEquals(ref.get("rho").asDouble(), Spectra.radius(m.rowMajor(), m.n()), 1e-12, f);
        }
        assertTrue(assertThrows(InvalidRecordException.class, () -> NpzFiles.read(fixture("sparse40_csr.npz"), 16)).getMessage()
                .contains("outside 1 … 16"), "n is checked against --max-n first");
        assertThrows(InvalidRecordException.class, () -> NpzFiles.read(new byte[] {'P', 'K', 3, 4, 0, 0}, 4096));
    }
}

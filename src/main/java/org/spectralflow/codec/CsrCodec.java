package org.spectralflow.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import org.spectralflow.model.SparseMatrix;

/**
 * The CSR wire format of DESIGN §6.3 ({@code "format": "csr"}): {@code indptr} (n + 1),
 * {@code indices} (nnz, int32) and {@code data} (nnz), each as a JSON array or as
 * {@code indptr_b64}/{@code indices_b64} (little-endian int32) and {@code data_b64} (in
 * {@code dtype}). Indices sorted within a row, no duplicates, all in range; nnz bounded before
 * anything is allocated. Read as CSR; the caller densifies it below the dense limit.
 */
final class CsrCodec {
    /** The most nonzeros a record may carry (DESIGN's default --max-nnz). */
    static final long MAX_NNZ = org.spectralflow.model.Limits.MAX_NNZ;

    private CsrCodec() {}

    static SparseMatrix read(Fields f, int n) {
        int[] indptr = ints(f, "indptr", n + 1L, n + 1L);
        if (indptr[0] != 0) throw new InvalidRecordException("indptr[0] must be 0, got " + indptr[0]);
        for (int i = 0; i < n; i++)
            if (indptr[i + 1] < indptr[i]) throw new InvalidRecordException("indptr decreases at row " + i);
        long nnz = indptr[n];
        if (nnz > MAX_NNZ || nnz > (long) n * n)
            throw new InvalidRecordException("nnz = " + nnz + " is above the limit (" + Math.min(MAX_NNZ, (long) n * n) + ")");
        int[] indices = ints(f, "indices", nnz, nnz);
        double[] data = MatrixCodec.values(f, "data", nnz, nnz, "nnz = " + nnz + " (indptr[n])", Math.max(1, (int) Math.min(nnz, Integer.MAX_VALUE)));
        try { // the structure (indices in range, strictly increasing within a row) is the model's own check
            return new SparseMatrix(n, indptr, indices, data);
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(e.getMessage(), e);
        }
    }

    /** Writes m as {@code "format": "csr"} with JSON arrays. */
    static void write(com.fasterxml.jackson.databind.node.ObjectNode o, SparseMatrix m) {
        o.put("format", "csr");
        com.fasterxml.jackson.databind.node.ArrayNode p = o.putArray("indptr"), j = o.putArray("indices");
        for (int x : m.indptr()) p.add(x);
        for (int x : m.indices()) j.add(x);
        Json.array(o, "data", m.data());
    }

    /** Exactly {@code count} int32 values of {@code name} or {@code name_b64} (little-endian). */
    private static int[] ints(Fields f, String name, long count, long most) {
        String b64 = name + "_b64";
        if (f.has(b64)) {
            JsonNode b = f.node(b64);
            if (!b.isTextual()) throw new InvalidRecordException("field '" + b64 + "' must be a base64 string");
            long approx = (long) b.textValue().length() * 3 / 4;
            if (approx > most * 4 + 3 || approx < count * 4 - 2)
                throw new InvalidRecordException(b64 + " holds about " + approx / 4 + " int32 values, expected " + count);
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(b.textValue());
            } catch (IllegalArgumentException e) {
                throw new InvalidRecordException("bad base64 in " + b64 + ": " + e.getMessage());
            }
            if (raw.length != count * 4) throw new InvalidRecordException(b64 + " holds " + raw.length + " bytes, expected " + count * 4);
            int[] out = new int[(int) count];
            ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(out);
            return out;
        }
        if (!f.has(name)) throw new InvalidRecordException("a csr matrix needs '" + name + "' or '" + b64 + "'");
        JsonNode a = f.node(name);
        if (!a.isArray()) throw new InvalidRecordException("field '" + name + "' must be an array of integers");
        if (a.size() != count) throw new InvalidRecordException(name + " has " + a.size() + " entries, expected " + count);
        int[] out = new int[(int) count];
        for (int i = 0; i < out.length; i++) {
            JsonNode e = a.get(i);
            if (!e.isIntegralNumber() || !e.canConvertToInt())
                throw new InvalidRecordException(name + " entry " + i + " must be an int32, got " + Fields.kind(e));
            out[i] = e.intValue();
        }
        return out;
    }
}

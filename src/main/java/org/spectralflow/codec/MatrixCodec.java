package org.spectralflow.codec;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import org.spectralflow.model.DenseMatrix;

/**
 * Matrices on the wire: row-major {@code "data": [..]} or {@code "data_b64"} (base64 of
 * little-endian IEEE-754 values, {@code "dtype": "f64"} by default or {@code "f32"}).
 */
public final class MatrixCodec {
    /** The default maximum N (DESIGN §4). */
    public static final int DEFAULT_MAX_N = 4096;

    private MatrixCodec() {}

    /** Reads and validates n, checking it against the limit before anything is allocated. */
    static int size(Fields f, int maxN) {
        long n = f.integer("n");
        if (n <= 0) throw new InvalidRecordException("n must be positive, got " + n);
        if (n > maxN) throw new InvalidRecordException("n = " + n + " is above the configured maximum " + maxN);
        return (int) n;
    }

    /** The n×n matrix of a record, from {@code data} or {@code data_b64}, or CSR densified. */
    static DenseMatrix read(Fields f, int n) {
        return (DenseMatrix) read(f, n, Integer.MAX_VALUE);
    }

    /** Whether the record's matrix is in the {@code csr} wire format. */
    static boolean isCsr(Fields f) {
        return f.string("format", "dense").equals("csr");
    }

    /** The n×n matrix of a record: a CSR one stays CSR when n is above {@code denseMaxN}, else it is densified. */
    static org.spectralflow.model.Matrix read(Fields f, int n, int denseMaxN) {
        String format = f.string("format", "dense");
        if (format.equals("csr")) {
            org.spectralflow.model.SparseMatrix s = CsrCodec.read(f, n);
            return n > denseMaxN ? s : s.toDense();
        }
        if (!format.equals("dense")) throw new InvalidRecordException("format must be 'dense' or 'csr', got " + org.spectralflow.model.Text.quote(format, 40));
        long expected = (long) n * n;
        return new DenseMatrix(n, values(f, "data", expected, expected, "n² = " + expected, n));
    }

    /**
     * The numbers of the array field {@code name} ({@code [..]}) or {@code name_b64} (base64 of
     * {@code dtype} values), row-major with {@code columns} per row for error messages: exactly
     * {@code expected} of them, or when {@code expected} is −1 any count from 1 to {@code most}.
     * The base64 text's length is checked before it is decoded.
     */
    static double[] values(Fields f, String name, long expected, long most, String expectedWords, int columns) {
        String b64 = name + "_b64";
        if (f.has(b64)) {
            String dtype = f.string("dtype", "f64");
            int width = switch (dtype) {
                case "f64" -> 8;
                case "f32" -> 4;
                default -> throw new InvalidRecordException("dtype must be 'f64' or 'f32', got '" + dtype + "'");
            };
            JsonNode b = f.node(b64);
            if (!b.isTextual()) throw new InvalidRecordException("field '" + b64 + "' must be a base64 string");
            String text = b.textValue();
            long decodedMax = (long) text.length() * 3 / 4;
            long low = expected < 0 ? width : expected * width, high = (expected < 0 ? most : expected) * width;
            if (decodedMax < low - 2 || decodedMax > high + 3)
                throw new InvalidRecordException(b64 + " holds about " + decodedMax / width + " " + dtype
                        + " values, expected " + expectedWords);
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(text);
            } catch (IllegalArgumentException e) {
                throw new InvalidRecordException("bad base64 in " + b64 + ": " + e.getMessage());
            }
            if (raw.length % width != 0 || raw.length < low || raw.length > high)
                throw new InvalidRecordException(b64 + " holds " + raw.length + " bytes = " + raw.length / (double) width
                        + " " + dtype + " values, expected " + expectedWords);
            ByteBuffer buf = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            double[] w = new double[raw.length / width];
            for (int i = 0; i < w.length; i++) w[i] = width == 8 ? buf.getDouble() : buf.getFloat();
            return finite(w, name, columns);
        }
        if (f.has(name)) {
            JsonNode a = f.node(name);
            if (!a.isArray()) throw new InvalidRecordException("field '" + name + "' must be an array of numbers, got " + Fields.kind(a));
            if (expected >= 0 ? a.size() != expected : a.size() < 1 || a.size() > most)
                throw new InvalidRecordException(name + " has " + a.size() + " entries, expected " + expectedWords);
            double[] w = new double[a.size()];
            for (int i = 0; i < w.length; i++) {
                JsonNode e = a.get(i);
                if (!e.isNumber()) throw new InvalidRecordException(name + " entry " + i + " is not a number: " + Fields.kind(e));
                w[i] = e.doubleValue();
            }
            return finite(w, name, columns);
        }
        throw new InvalidRecordException("missing required field '" + name + "' or '" + b64 + "'");
    }

    private static double[] finite(double[] w, String name, int columns) {
        for (int i = 0; i < w.length; i++)
            if (!Double.isFinite(w[i]))
                throw new InvalidRecordException((name.equals("data") ? "entry" : name + " entry") + " (" + i / columns + ","
                        + i % columns + ") is " + w[i] + "; entries must be finite");
        return w;
    }

    /** Base64 of little-endian values in the given dtype. */
    public static String base64(double[] w, String dtype) {
        boolean f32 = dtype.equals("f32");
        ByteBuffer buf = ByteBuffer.allocate(w.length * (f32 ? 4 : 8)).order(ByteOrder.LITTLE_ENDIAN);
        for (double x : w) {
            if (f32) buf.putFloat((float) x);
            else buf.putDouble(x);
        }
        return Base64.getEncoder().encodeToString(buf.array());
    }
}

package org.spectralflow.codec;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.spectralflow.model.DenseMatrix;
import org.spectralflow.model.SparseMatrix;

/**
 * SciPy's {@code scipy.sparse.save_npz} files (DESIGN §6.3): a zip of .npy arrays, CSR, CSC or COO
 * (duplicate COO entries summed, as SciPy does). Every size is checked against the limits before
 * the matrix is built.
 */
public final class NpzFiles {
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fiuS])(\\d+)'");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    /** Most bytes one member may inflate to: 10⁷ nonzeros of f8 and a margin. */
    private static final long MAX_MEMBER = 100L << 20;

    private NpzFiles() {}

    public static boolean isZip(byte[] b) {
        return b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4;
    }

    /** The matrix of a .npz file, dense: n ≤ maxN is checked before anything is built. */
    public static DenseMatrix read(byte[] bytes, int maxN) {
        return readSparse(bytes, maxN).toDense();
    }

    /** The matrix of a .npz file in CSR, n ≤ maxN and nnz ≤ the record limit checked before it is built. */
    public static SparseMatrix readSparse(byte[] bytes, int maxN) {
        Map<String, byte[]> m = members(bytes);
        String format = text(need(m, "format"));
        long[] shape = longs(need(m, "shape"));
        if (shape.length != 2 || shape[0] != shape[1])
            throw new InvalidRecordException(".npz matrix must be square, has shape " + java.util.Arrays.toString(shape));
        if (shape[0] <= 0 || shape[0] > maxN) throw new InvalidRecordException("n = " + shape[0] + " is outside 1 … " + maxN);
        int n = (int) shape[0];
        double[] data = doubles(need(m, "data"));
        if (data.length > CsrCodec.MAX_NNZ) throw new InvalidRecordException("nnz = " + data.length + " is above the limit");
        int[] row = new int[data.length], col = new int[data.length];
        switch (format) {
            case "csr", "csc" -> {
                long[] indptr = longs(need(m, "indptr")), indices = longs(need(m, "indices"));
                if (indptr.length != n + 1 || indptr[0] != 0 || indptr[n] != data.length || indices.length != data.length)
                    throw new InvalidRecordException(".npz " + format + ": indptr, indices and data disagree in length");
                for (int a = 0; a < n; a++) {
                    if (indptr[a + 1] < indptr[a]) throw new InvalidRecordException(".npz " + format + ": indptr decreases at " + a);
                    for (long k = indptr[a]; k < indptr[a + 1]; k++) {
                        long b = indices[(int) k];
                        if (b < 0 || b >= n) throw new InvalidRecordException(".npz " + format + ": index " + b + " out of range");
                        row[(int) k] = format.equals("csr") ? a : (int) b;
                        col[(int) k] = format.equals("csr") ? (int) b : a;
                    }
                }
            }
            case "coo" -> {
                long[] r = longs(need(m, "row")), c = longs(need(m, "col"));
                if (r.length != data.length || c.length != data.length)
                    throw new InvalidRecordException(".npz coo: row, col and data disagree in length");
                for (int k = 0; k < data.length; k++) {
                    if (r[k] < 0 || r[k] >= n || c[k] < 0 || c[k] >= n)
                        throw new InvalidRecordException(".npz coo: entry " + k + " out of range");
                    row[k] = (int) r[k];
                    col[k] = (int) c[k];
                }
            }
            default -> throw new InvalidRecordException(".npz format must be csr, csc or coo, got " + org.spectralflow.model.Text.quote(format, 20));
        }
        for (int k = 0; k < data.length; k++)
            if (!Double.isFinite(data[k])) throw new InvalidRecordException("entry (" + row[k] + "," + col[k] + ") is " + data[k]);
        try {
            return SparseMatrix.fromTriplets(n, row, col, data); // SciPy sums duplicates when it converts
        } catch (IllegalArgumentException e) { // a sum of duplicates that overflowed
            throw new InvalidRecordException(e.getMessage(), e);
        }
    }

    private static Map<String, byte[]> members(byte[] bytes) {
        Map<String, byte[]> out = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                String name = e.getName().endsWith(".npy") ? e.getName().substring(0, e.getName().length() - 4) : e.getName();
                byte[] data = zip.readNBytes((int) MAX_MEMBER + 1);
                if (data.length > MAX_MEMBER) throw new InvalidRecordException(".npz member " + e.getName() + " is larger than 100 MiB");
                out.put(name, data);
                if (out.size() > 16) throw new InvalidRecordException(".npz has too many members for a sparse matrix");
            }
        } catch (IOException e) {
            throw new InvalidRecordException("not a readable .npz file: " + e.getMessage());
        }
        return out;
    }

    private static byte[] need(Map<String, byte[]> m, String name) {
        byte[] b = m.get(name);
        if (b == null) throw new InvalidRecordException(".npz lacks " + name + ".npy (is it a scipy.sparse.save_npz file?)");
        return b;
    }

    /** A .npy array's dtype (kind, width, order), element count, and where its data starts. */
    private record Header(char kind, int width, ByteOrder order, long count, int offset) {}

    private static Header header(byte[] b) {
        if (!MatrixFiles.isNpy(b) || b.length < 10) throw new InvalidRecordException(".npz member is not a .npy array");
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int major = b[6], len = major == 1 ? bb.getShort(8) & 0xffff : bb.getInt(8), start = major == 1 ? 10 : 12;
        if (len < 0 || start + len > b.length) throw new InvalidRecordException(".npy header is truncated");
        String h = new String(b, start, len, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(h), s = SHAPE.matcher(h);
        if (!d.find() || !s.find()) throw new InvalidRecordException(".npz member has an unsupported dtype: " + org.spectralflow.model.Text.quote(h.trim(), 60));
        long count = 1;
        for (String dim : s.group(1).split(",")) if (!dim.isBlank()) count *= Long.parseLong(dim.trim());
        int width = Integer.parseInt(d.group(3));
        if (d.group(2).charAt(0) != 'S' && (long) (b.length - start - len) < count * width)
            throw new InvalidRecordException(".npy data is truncated");
        return new Header(d.group(2).charAt(0), width, d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN, count,
                start + len);
    }

    private static String text(byte[] b) {
        Header h = header(b);
        if (h.kind() != 'S') throw new InvalidRecordException(".npz format member is not a byte string");
        return new String(b, h.offset(), Math.min(h.width(), b.length - h.offset()), StandardCharsets.US_ASCII).replace("\0", "").trim();
    }

    private static long[] longs(byte[] b) {
        Header h = header(b);
        if (h.kind() != 'i' && h.kind() != 'u') throw new InvalidRecordException(".npz index arrays must be integers");
        ByteBuffer data = ByteBuffer.wrap(b, h.offset(), b.length - h.offset()).order(h.order());
        long[] out = new long[(int) h.count()];
        for (int i = 0; i < out.length; i++)
            out[i] = switch (h.width()) {
                case 8 -> data.getLong();
                case 4 -> data.getInt();
                case 2 -> data.getShort();
                default -> data.get();
            };
        return out;
    }

    private static double[] doubles(byte[] b) {
        Header h = header(b);
        ByteBuffer data = ByteBuffer.wrap(b, h.offset(), b.length - h.offset()).order(h.order());
        double[] out = new double[(int) h.count()];
        for (int i = 0; i < out.length; i++)
            out[i] = switch (h.kind() + "" + h.width()) {
                case "f8" -> data.getDouble();
                case "f4" -> data.getFloat();
                case "i8" -> data.getLong();
                case "i4" -> data.getInt();
                default -> throw new InvalidRecordException(".npz data dtype " + h.kind() + h.width() + " is not supported");
            };
        return out;
    }
}

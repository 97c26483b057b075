package org.spectralflow.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.spectralflow.model.DenseMatrix;

/** DenseMatrix matrices from files a user has at hand: NumPy {@code .npy} and CSV. */
public final class MatrixFiles {
    private MatrixFiles() {}

    /** A square matrix read from a file: its size and row-major entries. */
    public static boolean isNpy(byte[] bytes) {
        return bytes.length >= 6 && (bytes[0] & 0xff) == 0x93 && new String(bytes, 1, 5, StandardCharsets.ISO_8859_1).equals("NUMPY");
    }

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([fiu])(\\d+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    /** A rows×cols matrix read from a file, row-major: a stacked gate matrix such as an LSTM's 4H×H {@code weight_hh}. */
    public record Table(int rows, int cols, double[] rowMajor) {
        DenseMatrix square(String what) {
            if (rows != cols)
                throw new InvalidRecordException(what + " must be square 2-D, has shape [" + rows + ", " + cols + "]"
                        + (rows == 4 * cols ? " (an LSTM's weight_hh? analyze it with --cell lstm)"
                        : rows == 3 * cols ? " (a GRU's weight_hh? analyze it with --cell gru)" : ""));
            return new DenseMatrix(rows, rowMajor);
        }
    }

    /** Reads a 2-D square .npy array of float or integer type (either byte order, C or Fortran order). */
    public static DenseMatrix npy(byte[] b, int maxN) {
        return npyTable(b, maxN).square(".npy array");
    }

    /**
     * Reads a 2-D .npy array of float or integer type (either byte order, C or Fortran order) of at
     * most max n columns, 4·max n rows and max n² entries.
     */
    public static Table npyTable(byte[] b, int maxN) {
        if (!isNpy(b) || b.length < 10) throw new InvalidRecordException("not a .npy file (bad magic)");
        int major = b[6];
        int headerLen, start;
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        if (major == 1) {
            headerLen = bb.getShort(8) & 0xffff;
            start = 10;
        } else if (major == 2 || major == 3) {
            headerLen = bb.getInt(8);
            start = 12;
        } else throw new InvalidRecordException(".npy format version " + major + " is not supported");
        if (headerLen < 0 || start + headerLen > b.length) throw new InvalidRecordException(".npy header is truncated");
        String header = new String(b, start, headerLen, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header), fo = FORTRAN.matcher(header), sh = SHAPE.matcher(header);
        if (!d.find()) throw new InvalidRecordException(".npy dtype is not a plain float or integer type: "
                + org.spectralflow.model.Text.quote(header.trim(), 80));
        if (!fo.find() || !sh.find()) throw new InvalidRecordException(".npy header lacks fortran_order or shape");
        String[] dims = sh.group(1).split(",");
        List<Long> shape = new ArrayList<>();
        for (String s : dims) if (!s.isBlank()) shape.add(Long.parseLong(s.trim()));
        if (shape.size() != 2) throw new InvalidRecordException(".npy array must be 2-D, has shape " + shape);
        long rl = shape.get(0), nl = shape.get(1);
        if (nl <= 0 || rl <= 0) throw new InvalidRecordException(".npy array must not be empty, has shape " + shape);
        if (nl > maxN) throw new InvalidRecordException("n = " + nl + " is above the configured maximum " + maxN);
        if (rl > 4 * nl || rl * nl > (long) maxN * maxN)
            throw new InvalidRecordException(".npy array of shape " + shape + " is larger than a layer of n = " + nl + " can be");
        int n = (int) nl, rows = (int) rl;
        char kind = d.group(2).charAt(0);
        int width = Integer.parseInt(d.group(3));
        ByteOrder order = d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        long need = (long) rows * n * width;
        int off = start + headerLen;
        if (b.length - off != need)
            throw new InvalidRecordException(".npy payload has " + (b.length - off) + " bytes, expected " + need);
        ByteBuffer data = ByteBuffer.wrap(b, off, (int) need).order(order);
        double[] w = new double[rows * n];
        for (int i = 0; i < w.length; i++) {
            w[i] = switch (kind + "" + width) {
                case "f8" -> data.getDouble();
                case "f4" -> data.getFloat();
                case "i8" -> data.getLong();
                case "i4" -> data.getInt();
                case "i2" -> data.getShort();
                case "i1" -> data.get();
                case "u1" -> data.get() & 0xff;
                default -> throw new InvalidRecordException(".npy dtype " + kind + width + " is not supported");
            };
        }
        if (fo.group(1).equals("True")) w = columnMajorToRowMajor(w, rows, n);
        return new Table(rows, n, checkFinite(w, n));
    }

    private static double[] columnMajorToRowMajor(double[] c, int rows, int cols) {
        double[] r = new double[c.length];
        for (int i = 0; i < rows; i++) for (int j = 0; j < cols; j++) r[i * cols + j] = c[j * rows + i];
        return r;
    }

    /** Reads a CSV (or whitespace-separated) file of n rows of n numbers; '#' starts a comment. */
    public static DenseMatrix csv(String text, int maxN) {
        return csvTable(text, maxN).square("CSV");
    }

    /** Reads a CSV of rows of n numbers each (at most 4n rows, n ≤ max n), as {@link #csv}. */
    public static Table csvTable(String text, int maxN) {
        List<double[]> rows = new ArrayList<>();
        String[] lines = text.split("\\R");
        for (int ln = 0; ln < lines.length; ln++) {
            String line = lines[ln].strip();
            int hash = line.indexOf('#');
            if (hash >= 0) line = line.substring(0, hash).strip();
            if (line.isEmpty()) continue;
            String[] cells = line.split("\\s*[,;\\s]\\s*");
            double[] row = new double[cells.length];
            for (int j = 0; j < cells.length; j++) {
                try {
                    row[j] = Double.parseDouble(cells[j]);
                } catch (NumberFormatException e) {
                    throw new InvalidRecordException("CSV line " + (ln + 1) + ", column " + (j + 1) + ": " + org.spectralflow.model.Text.quote(cells[j], 40)
                            + " is not a number");
                }
            }
            rows.add(row);
            if (rows.size() > 4 * maxN) throw new InvalidRecordException("CSV has more than 4 × the configured maximum of " + maxN + " rows");
        }
        if (rows.isEmpty()) throw new InvalidRecordException("CSV holds no numbers");
        int n = rows.get(0).length, count = rows.size();
        if (n > maxN) throw new InvalidRecordException("n = " + n + " is above the configured maximum " + maxN);
        if (count > 4 * n) throw new InvalidRecordException("CSV has " + count + " rows of " + n + " values, more than a layer can have");
        double[] w = new double[count * n];
        for (int i = 0; i < count; i++) {
            if (rows.get(i).length != n)
                throw new InvalidRecordException("CSV row " + (i + 1) + " has " + rows.get(i).length + " values, expected " + n);
            System.arraycopy(rows.get(i), 0, w, i * n, n);
        }
        return new Table(count, n, checkFinite(w, n));
    }

    private static double[] checkFinite(double[] w, int n) {
        for (int i = 0; i < w.length; i++)
            if (!Double.isFinite(w[i]))
                throw new InvalidRecordException("entry (" + i / n + "," + i % n + ") is " + w[i] + "; entries must be finite");
        return w;
    }

    /** A .npy file (version 1.0, little-endian f8, C order) of a square matrix. */
    public static byte[] toNpy(double[] w, int n) {
        return toNpy(w, n, n);
    }

    /** A .npy file (version 1.0, little-endian f8, C order) of a rows×cols matrix, row-major w. */
    public static byte[] toNpy(double[] w, int rows, int cols) {
        String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer buf = ByteBuffer.allocate(10 + header.length() + w.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.ISO_8859_1)).put((byte) 1).put((byte) 0);
        buf.putShort((short) header.length()).put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (double x : w) buf.putDouble(x);
        return buf.array();
    }
}

package org.spectralflow.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.spectralflow.model.AnalysisRequest;
import org.spectralflow.model.DenseMatrix;
import org.spectralflow.model.Weights;

/**
 * The input of {@code analyze}: an analysis request as a JSON record, or a bare matrix as a
 * NumPy {@code .npy} file or a CSV, with request fields that the command line overrides.
 */
public final class RequestFiles {
    /** How to read the bytes; {@code auto} decides by content and file name. */
    public enum Format { auto, json, npy, npz, csv }

    private RequestFiles() {}

    /**
     * @param name the file's name (for format detection); its last path element is the default id
     * @param overrides request fields to set (Long, Double or String values), in place of the file's
     */
    public static AnalysisRequest read(byte[] bytes, String name, Format format, int maxN, Map<String, Object> overrides,
                                       String defaultId) {
        ObjectNode request = switch (detect(bytes, name, format)) {
            case json -> {
                Preflight.check(bytes, maxN);
                yield Json.parseObject(bytes);
            }
            case npy -> matrixRequest(MatrixFiles.npy(bytes, maxN));
            case npz -> sparseRequest(NpzFiles.readSparse(bytes, Math.max(maxN, org.spectralflow.model.Limits.MAX_SPARSE_N)));
            case csv -> matrixRequest(MatrixFiles.csv(new String(bytes, StandardCharsets.UTF_8), maxN));
            case auto -> throw new IllegalStateException("detect never answers auto");
        };
        overrides.forEach((field, value) -> {
            if (value instanceof Long l) request.put(field, l);
            else if (value instanceof Integer i) request.put(field, i);
            else if (value instanceof Double d) request.put(field, d);
            else if (value instanceof Boolean b) request.put(field, b);
            else request.put(field, String.valueOf(value));
        });
        return AnalysisCodec.decodeRequest(request, maxN, false, defaultId);
    }

    /**
     * The input of {@code analyze --cell}: a layer of a recurrent cell, as a JSON object shaped
     * like an {@code sf.weights} record (model, layer and step may be left out), or as a .npy/CSV
     * file of the cell's stacked gate matrix ({@code cell.rows(n)}×n, PyTorch's {@code weight_hh}).
     *
     * @param cell the cell the command line names, or null for the record's own
     */
    public static Weights readLayer(byte[] bytes, String name, Format format, int maxN, String cell, String defaultId) {
        ObjectNode o = switch (detect(bytes, name, format)) {
            case json -> {
                Preflight.check(bytes, maxN);
                yield Json.parseObject(bytes);
            }
            case npy -> tableRecord(MatrixFiles.npyTable(bytes, maxN));
            case npz -> {
                DenseMatrix d = NpzFiles.read(bytes, maxN);
                yield tableRecord(new MatrixFiles.Table(d.n(), d.n(), d.rowMajor()));
            }
            case csv -> tableRecord(MatrixFiles.csvTable(new String(bytes, StandardCharsets.UTF_8), maxN));
            case auto -> throw new IllegalStateException("detect never answers auto");
        };
        if (cell != null) o.put("cell", cell);
        if (!o.has("v")) o.put("v", Json.VERSION);
        if (!o.has("model")) o.put("model", "analyze");
        if (!o.has("layer")) o.put("layer", o.path("id").isTextual() ? o.get("id").textValue() : defaultId);
        if (!o.has("step")) o.put("step", 0);
        return WeightsCodec.decode(o, maxN);
    }

    /**
     * Whether a JSON input describes a layer rather than one square matrix: a cell other than
     * rnn_tanh or linear, or state Jacobians. (Other inputs say so only with {@code --cell}.)
     */
    public static boolean describesLayer(byte[] bytes, String name, Format format) {
        if (detect(bytes, name, format) != Format.json || bytes.length > 64 << 20) return false;
        try {
            ObjectNode o = Json.parseObject(bytes);
            String cell = o.path("cell").asText("rnn_tanh");
            return !(cell.equals("rnn_tanh") || cell.equals("linear")) || o.has("jacobians") || o.has("jacobians_b64");
        } catch (RuntimeException e) {
            return false; // the analysis path reports what is wrong with it
        }
    }

    private static ObjectNode tableRecord(MatrixFiles.Table t) {
        ObjectNode o = Json.object();
        o.put("n", t.cols());
        o.put("rows", t.rows());
        Json.array(o, "data", t.rowMajor());
        return o;
    }

    static Format detect(byte[] bytes, String name, Format format) {
        if (format != Format.auto) return format;
        String lower = name.toLowerCase(Locale.ROOT);
        if (MatrixFiles.isNpy(bytes) || lower.endsWith(".npy")) return Format.npy;
        if (NpzFiles.isZip(bytes) || lower.endsWith(".npz")) return Format.npz;
        if (lower.endsWith(".json")) return Format.json; // a broken .json is reported as JSON, not as a CSV
        if (lower.endsWith(".csv") || lower.endsWith(".txt")) return Format.csv;
        return firstNonBlank(bytes) == '{' ? Format.json : Format.csv;
    }

    private static char firstNonBlank(byte[] b) {
        for (byte x : b) if (!Character.isWhitespace(x)) return (char) x;
        return ' ';
    }

    /** A SciPy sparse matrix as a {@code csr} request: it stays CSR above dense_max_n. */
    private static ObjectNode sparseRequest(org.spectralflow.model.SparseMatrix m) {
        ObjectNode o = Json.object();
        o.put("v", Json.VERSION);
        o.put("n", m.n());
        CsrCodec.write(o, m);
        return o;
    }

    private static ObjectNode matrixRequest(DenseMatrix m) {
        ObjectNode o = Json.object();
        o.put("v", Json.VERSION);
        o.put("n", m.n());
        Json.array(o, "data", m.rowMajor());
        return o;
    }
}

package org.spectralflow.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.spectralflow.model.AnalysisRequest;
import org.spectralflow.model.DenseMatrix;

/**
 * The input of {@code analyze}: an analysis request as a JSON record, or a bare matrix as a
 * NumPy {@code .npy} file or a CSV, with request fields that the command line overrides.
 */
public final class RequestFiles {
    /** How to read the bytes; {@code auto} decides by content and file name. */
    public enum Format { auto, json, npy, csv }

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
            case csv -> matrixRequest(MatrixFiles.csv(new String(bytes, StandardCharsets.UTF_8), maxN));
            case auto -> throw new IllegalStateException("detect never answers auto");
        };
        overrides.forEach((field, value) -> {
            if (value instanceof Long l) request.put(field, l);
            else if (value instanceof Integer i) request.put(field, i);
            else if (value instanceof Double d) request.put(field, d);
            else request.put(field, String.valueOf(value));
        });
        return AnalysisCodec.decodeRequest(request, maxN, false, defaultId);
    }

    static Format detect(byte[] bytes, String name, Format format) {
        if (format != Format.auto) return format;
        String lower = name.toLowerCase(Locale.ROOT);
        if (MatrixFiles.isNpy(bytes) || lower.endsWith(".npy")) return Format.npy;
        if (lower.endsWith(".json")) return Format.json; // a broken .json is reported as JSON, not as a CSV
        if (lower.endsWith(".csv") || lower.endsWith(".txt")) return Format.csv;
        return firstNonBlank(bytes) == '{' ? Format.json : Format.csv;
    }

    private static char firstNonBlank(byte[] b) {
        for (byte x : b) if (!Character.isWhitespace(x)) return (char) x;
        return ' ';
    }

    private static ObjectNode matrixRequest(DenseMatrix m) {
        ObjectNode o = Json.object();
        o.put("v", Json.VERSION);
        o.put("n", m.n());
        Json.array(o, "data", m.rowMajor());
        return o;
    }
}

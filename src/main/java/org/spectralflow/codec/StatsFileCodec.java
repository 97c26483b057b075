package org.spectralflow.codec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.spectralflow.model.CellAggregate;
import org.spectralflow.model.CellKey;

/**
 * A run's final statistics as files: {@code stats.csv} (one row per (cell, bin): the key columns,
 * then every statistic) and {@code stats.json} (an array of {@code sf.stats} records without
 * {@code v}, {@code final} and {@code cell_count}, which a file of finals does not need).
 */
public final class StatsFileCodec {
    static final String KEY_COLUMNS = "sweep,cell,ensemble,n,activation,scaling,scale,bin,precision,jacobian,cell_trials";

    private StatsFileCodec() {}

    public static String csv(List<CellAggregate> finals) {
        StringBuilder csv = new StringBuilder(KEY_COLUMNS + "," + String.join(",", StatsCodec.STAT_FIELDS) + ","
                + StatsCodec.LYAPUNOV_SPECTRUM_MEAN + "\n");
        for (CellAggregate r : finals) {
            CellKey k = r.key();
            csv.append(String.join(",", k.sweep(), Long.toString(k.cell()), k.ensemble().wire(), Integer.toString(k.n()),
                    k.activation().wire(), k.scaling().wire(), num(k.scale()), k.bin(), k.precision().wire(),
                    k.independentJacobians() ? "independent" : "fixed", Long.toString(r.cellTrials())));
            ObjectNode o = StatsCodec.encode(r);
            for (String f : StatsCodec.STAT_FIELDS) csv.append(',').append(o.get(f).isNull() ? "" : o.get(f).asText());
            csv.append(',');
            if (o.has(StatsCodec.LYAPUNOV_SPECTRUM_MEAN)) {
                List<String> ls = new ArrayList<>();
                o.get(StatsCodec.LYAPUNOV_SPECTRUM_MEAN).forEach(x -> ls.add(x.asText()));
                csv.append(String.join(";", ls));
            }
            csv.append('\n');
        }
        return csv.toString();
    }

    public static String json(List<CellAggregate> finals) {
        ArrayNode json = Json.MAPPER.createArrayNode();
        for (CellAggregate r : finals) {
            ObjectNode o = StatsCodec.encode(r);
            o.remove("v");
            o.remove("final");
            o.remove("cell_count");
            json.add(o);
        }
        return Json.pretty(json) + "\n";
    }

    /** The finals of a {@code stats.json}. */
    public static List<CellAggregate> fromJson(byte[] bytes) {
        List<CellAggregate> out = new ArrayList<>();
        for (JsonNode n : Json.parseArray(bytes)) {
            if (!n.isObject()) throw new InvalidRecordException("stats.json holds a " + n.getNodeType() + " where a cell belongs");
            ObjectNode o = ((ObjectNode) n).deepCopy();
            o.put("v", Json.VERSION);
            o.put("final", true);
            o.set("cell_count", o.get("cell_trials"));
            out.add(StatsCodec.decode(Json.bytes(o)));
        }
        return out;
    }

    static String num(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }
}

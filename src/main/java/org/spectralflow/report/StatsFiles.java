package org.spectralflow.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.spectralflow.codec.Json;
import org.spectralflow.codec.StatsCodec;
import org.spectralflow.codec.StatsCodec.StatsRecord;
import org.spectralflow.model.CellKey;

/** Writes a sweep's final statistics as {@code stats.csv} and {@code stats.json}, one row per (cell, bin). */
public final class StatsFiles {
    static final String KEY_COLUMNS = "sweep,cell,ensemble,n,activation,scaling,scale,bin,precision,cell_trials";

    private StatsFiles() {}

    public static void write(Path dir, List<StatsRecord> finals) throws IOException {
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder(KEY_COLUMNS + "," + String.join(",", StatsCodec.STAT_FIELDS) + "\n");
        ArrayNode json = JsonNodeFactory.instance.arrayNode();
        for (StatsRecord r : finals) {
            CellKey k = r.key();
            csv.append(String.join(",", k.sweep(), Long.toString(k.cell()), k.ensemble().wire(), Integer.toString(k.n()),
                    k.activation().wire(), k.scaling().wire(), num(k.scale()), k.bin(), k.precision().wire(),
                    Long.toString(r.cellTrials())));
            com.fasterxml.jackson.databind.node.ObjectNode o = StatsCodec.encode(r);
            for (String f : StatsCodec.STAT_FIELDS) csv.append(',').append(o.get(f).isNull() ? "" : o.get(f).asText());
            csv.append('\n');
            o.remove("v");
            o.remove("final");
            o.remove("cell_count");
            json.add(o);
        }
        Files.writeString(dir.resolve("stats.csv"), csv.toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("stats.json"), Json.pretty(json) + "\n", StandardCharsets.UTF_8);
    }

    /** Reads back the final statistics that {@link #write} wrote to {@code dir/stats.json}. */
    public static List<StatsRecord> read(Path dir) throws IOException {
        Path f = dir.resolve("stats.json");
        if (!Files.exists(f)) throw new IllegalArgumentException("no stats.json in " + dir);
        com.fasterxml.jackson.databind.JsonNode a = Json.parseArray(Files.readAllBytes(f));
        List<StatsRecord> out = new java.util.ArrayList<>();
        for (com.fasterxml.jackson.databind.JsonNode n : a) {
            com.fasterxml.jackson.databind.node.ObjectNode o = ((com.fasterxml.jackson.databind.node.ObjectNode) n).deepCopy();
            o.put("v", Json.VERSION);
            o.put("final", true);
            o.set("cell_count", o.get("cell_trials"));
            out.add(StatsCodec.decode(Json.bytes(o)));
        }
        return out;
    }

    /** A value for a 4-decimal column: rounding noise around zero shows as 0, not -0. */
    static double shown(double x) {
        return Math.abs(x) < 5e-5 ? 0.0 : x;
    }

    static String num(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
    }

    /** The summary table a user sees at the end of a sweep. */
    public static String table(List<StatsRecord> finals) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%5s %-10s %5s %-7s %-5s %7s %6s %9s %9s %9s %9s %9s%n",
                "cell", "ensemble", "N", "act", "prec", "ρ bin", "count", "exploded", "vanished", "stable", "median γ", "ln ρ̄"));
        for (StatsRecord r : finals) {
            CellKey k = r.key();
            double c = r.stats().count();
            b.append(String.format(Locale.ROOT, "%5d %-10s %5d %-7s %-5s %7s %6d %8.1f%% %8.1f%% %8.1f%% %9.4f %9.4f%n",
                    k.cell(), k.ensemble().wire(), k.n(), k.activation().wire(), k.precision().wire(), k.bin(),
                    r.stats().count(), 100 * r.stats().exploded() / c, 100 * r.stats().vanished() / c,
                    100 * r.stats().stable() / c, shown(r.stats().gammaP50()), shown(r.stats().lnRhoBar())));
        }
        return b.toString();
    }
}

package org.spectralflow.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.spectralflow.codec.StatsFileCodec;
import org.spectralflow.model.CellAggregate;
import org.spectralflow.model.CellKey;

/** A run's {@code stats.csv} and {@code stats.json} on disk (their format is {@link StatsFileCodec}'s), and the summary table. */
public final class StatsFiles {
    private StatsFiles() {}

    public static void write(Path dir, List<CellAggregate> finals) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("stats.csv"), StatsFileCodec.csv(finals), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("stats.json"), StatsFileCodec.json(finals), StandardCharsets.UTF_8);
    }

    /** Reads back the final statistics that {@link #write} wrote to {@code dir/stats.json}. */
    public static List<CellAggregate> read(Path dir) throws IOException {
        Path f = dir.resolve("stats.json");
        if (!Files.exists(f)) throw new IllegalArgumentException("no stats.json in " + dir);
        return StatsFileCodec.fromJson(Files.readAllBytes(f));
    }

    /** A value for a 4-decimal column: rounding noise around zero shows as 0, not -0. */
    static double shown(double x) {
        return Math.abs(x) < 5e-5 ? 0.0 : x;
    }

    /** The summary table a user sees at the end of a sweep. */
    public static String table(List<CellAggregate> finals) {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%5s %-10s %5s %-7s %-5s %7s %6s %9s %9s %9s %9s %9s%n",
                "cell", "ensemble", "N", "act", "prec", "ρ bin", "count", "exploded", "vanished", "stable", "median γ", "theory"));
        for (CellAggregate r : finals) {
            CellKey k = r.key();
            double c = r.stats().count();
            b.append(String.format(Locale.ROOT, "%5d %-10s %5d %-7s %-5s %7s %6d %8.1f%% %8.1f%% %8.1f%% %9.4f %9.4f%n",
                    k.cell(), k.ensemble().wire(), k.n(), k.activation().wire(), k.precision().wire(), k.bin(),
                    r.stats().count(), 100 * r.stats().exploded() / c, 100 * r.stats().vanished() / c,
                    100 * r.stats().stable() / c, shown(r.stats().gammaP50()), shown(r.stats().spectral().theoryRate())));
        }
        return b.toString();
    }
}

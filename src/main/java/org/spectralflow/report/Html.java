package org.spectralflow.report;

import java.util.List;
import java.util.Locale;
import org.spectralflow.codec.GridCodec;
import org.spectralflow.codec.Json;
import org.spectralflow.codec.StatsCodec;
import org.spectralflow.model.CellAggregate;
import org.spectralflow.model.CellKey;
import org.spectralflow.model.SweepGrid;

/** The report page: well-formed XHTML, no script, no external resource, images beside it. */
final class Html {
    private Html() {}

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String page(List<CellAggregate> finals, SweepGrid grid, List<Report.Plot> plots, List<String> notes) {
        String sweep = finals.isEmpty() ? (grid == null ? "?" : grid.sweep()) : finals.get(0).key().sweep();
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"UTF-8\"/>\n<title>spectralflow report: ").append(esc(sweep)).append("</title>\n<style>\n")
                .append("body{font-family:DejaVu Sans,Helvetica,Arial,sans-serif;margin:2em;max-width:1300px;color:#222}\n")
                .append("table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}\n")
                .append("th{background:#f3f3f3}figure{margin:1.5em 0}figcaption{font-size:14px;color:#444;max-width:900px}\n")
                .append("img{border:1px solid #eee}code{background:#f6f6f6;padding:0 3px}\n</style>\n</head>\n<body>\n");
        b.append("<h1>Sweep <code>").append(esc(sweep)).append("</code></h1>\n");
        b.append("<h2>Parameters</h2>\n");
        if (grid != null) {
            b.append("<table id=\"parameters\">\n");
            GridCodec.encode(grid).fields().forEachRemaining(e -> {
                if (!e.getKey().equals("v"))
                    b.append("<tr><th>").append(esc(e.getKey())).append("</th><td>").append(esc(e.getValue().isTextual()
                            ? e.getValue().asText() : e.getValue().toString())).append("</td></tr>\n");
            });
            b.append("</table>\n");
        } else {
            b.append("<p>The sweep's grid (sweep.json) was not available; the statistics below are complete.</p>\n");
        }
        b.append("<h2>Cells</h2>\n<p>One row per (cell, ρ bin), final statistics; γ is the gradient growth rate per step. ")
                .append("Hover a number for its full value.</p>\n<table id=\"cells\">\n<tr>");
        for (String h : new String[] {"cell", "ensemble", "N", "activation", "scaling", "scale", "bin", "precision"})
            b.append("<th>").append(h).append("</th>");
        for (String f : StatsCodec.STAT_FIELDS) b.append("<th>").append(f).append("</th>");
        b.append("</tr>\n");
        for (CellAggregate r : finals) {
            CellKey k = r.key();
            b.append("<tr data-key=\"").append(esc(k.kafkaKey())).append("\"><td>").append(k.cell()).append("</td><td>")
                    .append(k.ensemble().wire()).append("</td><td>").append(k.n()).append("</td><td>").append(k.activation().wire())
                    .append("</td><td>").append(k.scaling().wire()).append("</td><td>").append(k.scale()).append("</td><td>")
                    .append(esc(k.bin())).append("</td><td>").append(k.precision().wire()).append("</td>");
            var o = StatsCodec.encode(r);
            for (String f : StatsCodec.STAT_FIELDS) {
                double v = Json.readDouble(o.get(f));
                String full = Double.isNaN(v) ? "NaN" : i(f) ? Long.toString((long) v) : Double.toString(v);
                String shown = Double.isNaN(v) ? "–" : i(f) ? full : String.format(Locale.ROOT, "%.4g", v);
                b.append("<td data-field=\"").append(f).append("\" data-value=\"").append(full).append("\" title=\"")
                        .append(full).append("\">").append(shown).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table>\n<h2>Plots</h2>\n<p>Each plot is also an SVG file (click it).</p>\n");
        for (Report.Plot p : plots)
            b.append("<figure id=\"").append(p.name()).append("\"><a href=\"").append(p.name()).append(".svg\"><img src=\"")
                    .append(p.name()).append(".png\" width=\"").append(p.width()).append("\" height=\"").append(p.height())
                    .append("\" alt=\"").append(esc(p.caption())).append("\"/></a><figcaption>").append(esc(p.caption()))
                    .append("</figcaption></figure>\n");
        for (String n : notes) b.append("<p class=\"note\">").append(esc(n)).append("</p>\n");
        b.append("<p>Data: <a href=\"stats.csv\">stats.csv</a>, <a href=\"stats.json\">stats.json</a>")
                .append(grid != null ? ", <a href=\"sweep.json\">sweep.json</a>" : "").append(".</p>\n</body>\n</html>\n");
        return b.toString();
    }

    private static boolean i(String field) {
        return field.equals("count") || field.equals("exploded") || field.equals("vanished") || field.equals("stable");
    }
}

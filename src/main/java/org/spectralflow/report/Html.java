package org.spectralflow.report;

import java.util.List;
import java.util.Locale;
import org.spectralflow.codec.GridCodec;
import org.spectralflow.codec.Json;
import org.spectralflow.codec.StatsCodec;
import org.spectralflow.model.CellAggregate;
import org.spectralflow.model.CellKey;
import org.spectralflow.model.SweepGrid;

/**
 * The report page: well-formed XHTML with no external resource. Each plot is drawn by an inline
 * script from the chart's data embedded in the page (hover for values, drag to zoom, click a legend
 * entry to hide its series), over the PNG beside it (shown when scripts are off), with the PNG and
 * (where small) the SVG linked for papers.
 */
final class Html {
    private Html() {}

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /** Readable column headers for the statistics; the raw field name is each header's tooltip. */
    static final java.util.Map<String, String> LABELS = java.util.Map.ofEntries(
            java.util.Map.entry("gamma_mean", "γ mean"), java.util.Map.entry("gamma_sd", "γ sd"),
            java.util.Map.entry("rho_mean", "ρ mean"), java.util.Map.entry("rho_sd", "ρ sd"),
            java.util.Map.entry("sigma1_mean", "σ₁ mean"), java.util.Map.entry("sigma1_sd", "σ₁ sd"),
            java.util.Map.entry("lyapunov_mean", "λ_max mean"), java.util.Map.entry("lyapunov_sd", "λ_max sd"),
            java.util.Map.entry("gamma_p05", "γ p05"), java.util.Map.entry("gamma_p50", "γ p50"), java.util.Map.entry("gamma_p95", "γ p95"),
            java.util.Map.entry("ln_rho_bar", "ln ρ̄"), java.util.Map.entry("subnormal_f32_mean", "subnormal f32"),
            java.util.Map.entry("forget_f32_mean", "forget f32"), java.util.Map.entry("subnormal_f64_mean", "subnormal f64"),
            java.util.Map.entry("forget_f64_mean", "forget f64"), java.util.Map.entry("rho_p05", "ρ p05"),
            java.util.Map.entry("rho_p50", "ρ p50"), java.util.Map.entry("rho_p95", "ρ p95"),
            java.util.Map.entry("real_eigs_mean", "real eigenvalues"), java.util.Map.entry("dominant_real_fraction", "λ₁ real"),
            java.util.Map.entry("sigma1_over_rho_mean", "σ₁/ρ mean"), java.util.Map.entry("effective_rho_mean", "effective ρ"),
            java.util.Map.entry("esp_violated", "ESP violated"), java.util.Map.entry("theory_rate", "theory γ"));

    static String page(List<CellAggregate> finals, SweepGrid grid, List<Report.Plot> plots, List<String> notes,
                       java.util.Map<String, Charts.Saved> saved) {
        String sweep = finals.isEmpty() ? (grid == null ? "?" : grid.sweep()) : finals.get(0).key().sweep();
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n")
                .append("<meta charset=\"UTF-8\"/>\n<title>spectralflow report: ").append(esc(sweep)).append("</title>\n<style>\n")
                .append("body{font-family:DejaVu Sans,Helvetica,Arial,sans-serif;margin:2em;max-width:1300px;color:#222}\n")
                .append("table{border-collapse:collapse;font-size:12px}td,th{border:1px solid #ccc;padding:2px 6px;text-align:right}\n")
                .append("th{background:#f3f3f3}figure{margin:1.5em 0}figcaption{font-size:14px;color:#444;max-width:900px}\n")
                .append("img{border:1px solid #eee}code{background:#f6f6f6;padding:0 3px}.scroll{overflow-x:auto;max-width:100%}\n")
                .append(".chart svg{font-size:12px}.chart .tip{fill:#fff;stroke:#888}.files{font-size:12px}\n</style>\n</head>\n<body>\n");
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
                .append("Hover a number for its full value, a header for its field in stats.csv.</p>\n")
                .append("<div class=\"scroll\"><table id=\"cells\">\n<tr>");
        for (String h : new String[] {"cell", "ensemble", "N", "activation", "scaling", "scale", "bin", "precision"})
            b.append("<th>").append(h).append("</th>");
        for (String f : StatsCodec.STAT_FIELDS)
            b.append("<th title=\"").append(f).append("\">").append(esc(LABELS.getOrDefault(f, f))).append("</th>");
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
                // a standard deviation below 1e-12 of its mean is rounding in the last digit of equal values: 0
                boolean noise = f.endsWith("_sd") && Math.abs(v) <= 1e-12 * Math.abs(Json.readDouble(o.get(f.replace("_sd", "_mean"))));
                String shown = Double.isNaN(v) ? "–" : i(f) ? full : noise ? "0" : String.format(Locale.ROOT, "%.4g", v);
                b.append("<td data-field=\"").append(f).append("\" data-value=\"").append(full).append("\" title=\"")
                        .append(full).append("\">").append(shown).append("</td>");
            }
            b.append("</tr>\n");
        }
        b.append("</table></div>\n<h2>Plots</h2>\n<p>Hover a chart for values, drag across it to zoom (double-click to reset), ")
                .append("click a legend entry to hide or show its series. Below each: the PNG (150 dpi) and, where it is small, ")
                .append("the SVG for print.</p>\n");
        com.fasterxml.jackson.databind.node.ArrayNode data = Json.arrayNode();
        for (Report.Plot p : plots) {
            Charts.Saved sv = saved.get(p.name());
            if (sv != null) data.add(sv.data());
            b.append("<figure id=\"").append(p.name()).append("\"><div class=\"chart\" data-chart=\"").append(p.name())
                    .append("\"><img src=\"").append(p.name()).append(".png\" width=\"").append(p.width()).append("\" height=\"")
                    .append(p.height()).append("\" alt=\"").append(esc(p.caption())).append("\"/></div><figcaption>")
                    .append(esc(p.caption())).append("</figcaption><div class=\"files\"><a href=\"").append(p.name())
                    .append(".png\">PNG</a>");
            if (sv != null && sv.svg()) b.append(" · <a href=\"").append(p.name()).append(".svg\">SVG</a>");
            b.append("</div></figure>\n");
        }
        for (String n : notes) b.append("<p class=\"note\">").append(esc(n)).append("</p>\n");
        b.append("<p>Data: <a href=\"stats.csv\">stats.csv</a>, <a href=\"stats.json\">stats.json</a>")
                .append(grid != null ? ", <a href=\"sweep.json\">sweep.json</a>" : "").append(".</p>\n");
        // inline, inside CDATA so the page stays well-formed XML; '<', '>' and '&' in the data as \\u escapes
        String json = Json.compact(data).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026");
        b.append("<script type=\"application/json\" id=\"chart-data\">").append(json).append("</script>\n")
                .append("<script>//<![CDATA[\n").append(script()).append("\n//]]></script>\n</body>\n</html>\n");
        return b.toString();
    }

    private static String script() {
        try (java.io.InputStream in = Html.class.getResourceAsStream("/report/report.js")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("report.js is missing from the jar", e);
        }
    }

    private static boolean i(String field) {
        return field.equals("count") || field.equals("exploded") || field.equals("vanished") || field.equals("stable");
    }
}

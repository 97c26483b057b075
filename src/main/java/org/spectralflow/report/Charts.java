package org.spectralflow.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.spectralflow.codec.Json;

/** Thin helpers over XChart: one look for every plot, and PNG + SVG output side by side. */
final class Charts {
    static final int WIDTH = 900, HEIGHT = 540;
    static final Color[] PALETTE = {new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd),
            new Color(0xff7f0e), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    private Charts() {}

    static XYChart chart(String title, String xTitle, String yTitle) {
        return chart(title, xTitle, yTitle, WIDTH, HEIGHT);
    }

    static XYChart chart(String title, String xTitle, String yTitle, int width, int height) {
        XYChart c = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        org.knowm.xchart.style.XYStyler s = c.getStyler();
        s.setChartBackgroundColor(Color.WHITE);
        s.setLegendPosition(Styler.LegendPosition.OutsideE);
        s.setLegendBorderColor(Color.WHITE);
        s.setPlotGridLinesVisible(true);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setAntiAlias(true);
        return c;
    }

    /** A line with markers. */
    static XYSeries line(XYChart c, String name, double[] x, double[] y, Color color) {
        XYSeries s = c.addSeries(name, x, y);
        s.setLineColor(color);
        s.setMarkerColor(color);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.SOLID); // XChart would cycle dashes: dashed means something here
        return s;
    }

    /** A thin dashed line without markers (bands, bounds and theory curves). */
    static XYSeries dashed(XYChart c, String name, double[] x, double[] y, Color color, boolean inLegend) {
        XYSeries s = c.addSeries(name, x, y);
        s.setLineColor(color);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {6, 4}, 0));
        s.setShowInLegend(inLegend);
        return s;
    }

    static XYSeries points(XYChart c, String name, double[] x, double[] y, Color color) {
        XYSeries s = c.addSeries(name, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarkerColor(color);
        s.setMarker(SeriesMarkers.CIRCLE);
        return s;
    }

    /** SVG files above this size are not kept (a dense curve makes megabytes of path); the PNG is. */
    static final long MAX_SVG_BYTES = 400_000;
    /**
     * Charts of more points than this get no SVG at all: their SVG would not be kept. An SVG here
     * is about 270 kB of drawn text plus 0.3–0.7 kB a point (measured on the default sweep's report:
     * 10 points 274 kB, 30 points 320 kB, 230 points 416 kB, 400–1 200 points 497–739 kB), and
     * writing the ones then thrown away was most of a warm sweep's SVG encoding.
     */
    static final int MAX_SVG_POINTS = 200;

    /**
     * Writes NAME.png (at 150 dpi, for print) and NAME.svg where it is small into dir; returns the
     * chart's data for the page's interactive version, and whether the SVG was kept.
     */
    static Saved save(XYChart c, Path dir, String name) throws IOException {
        PngFiles.write(c, dir.resolve(name + ".png"), 150);
        long points = c.getSeriesMap().values().stream().mapToLong(s -> s.getXData().length).sum();
        if (points > MAX_SVG_POINTS) return new Saved(data(c, name), false);
        VectorGraphicsEncoder.saveVectorGraphic(c, dir.resolve(name).toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        Path svg = dir.resolve(name + ".svg");
        boolean keep = java.nio.file.Files.size(svg) <= MAX_SVG_BYTES;
        if (!keep) java.nio.file.Files.delete(svg);
        return new Saved(data(c, name), keep);
    }

    /** What {@link #save} wrote: the chart as data, and whether NAME.svg exists. */
    record Saved(ObjectNode data, boolean svg) {}

    /** The chart as data: titles, axes and every series with its points, colour and style. */
    static ObjectNode data(XYChart c, String name) {
        ObjectNode o = Json.object();
        o.put("name", name);
        o.put("title", c.getTitle());
        o.put("x_title", c.getXAxisTitle());
        o.put("y_title", c.getYAxisTitle());
        var series = o.putArray("series");
        for (XYSeries s : c.getSeriesMap().values()) {
            ObjectNode j = series.addObject();
            j.put("name", s.getName());
            boolean scatter = s.getXYSeriesRenderStyle() == XYSeries.XYSeriesRenderStyle.Scatter;
            boolean dashed = !scatter && s.getLineStyle() != null && s.getLineStyle().getDashArray() != null;
            j.put("style", scatter ? "points" : dashed ? "dashed" : "line");
            Color col = scatter ? s.getMarkerColor() : s.getLineColor();
            j.put("color", col == null ? "#444444" : String.format("#%06x", col.getRGB() & 0xffffff));
            j.put("legend", s.isShowInLegend());
            Json.array(j, "x", s.getXData());
            Json.array(j, "y", s.getYData());
        }
        return o;
    }
}

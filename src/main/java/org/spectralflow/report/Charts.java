package org.spectralflow.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

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

    /** Writes NAME.png and NAME.svg into dir. */
    static void save(XYChart c, Path dir, String name) throws IOException {
        BitmapEncoder.saveBitmap(c, dir.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
        VectorGraphicsEncoder.saveVectorGraphic(c, dir.resolve(name).toString(), VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    }
}

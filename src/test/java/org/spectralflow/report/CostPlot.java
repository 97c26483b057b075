package org.spectralflow.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.XYChart;

/**
 * For bench/kernels.sh: cost per matrix against N on log-log axes, one series per kernel, each
 * with its least-squares line over N ≥ 64 and the fitted exponent in the legend.
 * Usage: CostPlot costs.tsv out-dir name, where each line of costs.tsv is "series N milliseconds".
 */
public final class CostPlot {
    public static void main(String[] args) throws Exception {
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            String[] f = line.trim().split("\t");
            if (f.length == 3)
                series.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])});
        }
        XYChart c = Charts.chart("Cost per matrix against N (log-log; fits over N ≥ 64)", "N", "milliseconds per matrix");
        c.getStyler().setXAxisLogarithmic(true);
        c.getStyler().setYAxisLogarithmic(true);
        int i = 0;
        for (var e : series.entrySet()) {
            List<double[]> pts = e.getValue();
            double[] x = pts.stream().mapToDouble(p -> p[0]).toArray(), y = pts.stream().mapToDouble(p -> p[1]).toArray();
            double[] fit = fit(x, y);
            java.awt.Color color = Charts.PALETTE[i++ % Charts.PALETTE.length];
            Charts.line(c, String.format(Locale.ROOT, "%s: N^%.2f", e.getKey(), fit[1]), x, y, color);
            double[] fy = new double[x.length];
            for (int k = 0; k < x.length; k++) fy[k] = Math.exp(fit[0] + fit[1] * Math.log(x[k]));
            Charts.dashed(c, e.getKey() + " fit", x, fy, color, false);
            System.out.printf(Locale.ROOT, "%s: cost ~ N^%.2f (N >= 64)%n", e.getKey(), fit[1]);
        }
        Charts.save(c, Path.of(args[1]), args[2]);
    }

    /** Least squares of ln y on ln x over the points with x ≥ 64: {intercept, slope}. */
    static double[] fit(double[] x, double[] y) {
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int m = 0;
        for (int k = 0; k < x.length; k++) {
            if (x[k] < 64) continue;
            double lx = Math.log(x[k]), ly = Math.log(y[k]);
            sx += lx;
            sy += ly;
            sxx += lx * lx;
            sxy += lx * ly;
            m++;
        }
        double slope = (m * sxy - sx * sy) / (m * sxx - sx * sx);
        return new double[] {(sy - slope * sx) / m, slope};
    }
}

package org.spectralflow.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.XYChart;
import org.spectralflow.math.Analyzer;
import org.spectralflow.model.Activation;
import org.spectralflow.model.Analysis;
import org.spectralflow.model.CellAggregate;
import org.spectralflow.model.CellStats;
import org.spectralflow.model.Precision;
import org.spectralflow.model.Scaling;
import org.spectralflow.model.Spec;
import org.spectralflow.model.SweepGrid;

/**
 * Builds {@code report.html} and its plots (PNG and SVG beside it) from a sweep's final statistics,
 * plus sample matrices regenerated from the sweep's seeds when its grid is known.
 */
public final class Report {
    /** The plots written, by file stem, with their captions. */
    public record Plot(String name, String caption, int width, int height) {
        Plot(String name, String caption) {
            this(name, caption, Charts.WIDTH, Charts.HEIGHT);
        }
    }

    private static final int EIG_SIZE = 640;
    private final Path dir;
    private final List<CellAggregate> finals;
    private final SweepGrid grid;
    private final List<Plot> plots = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final Map<String, Charts.Saved> saved = new LinkedHashMap<>();
    /** Plots being encoded (PNG and SVG, most of a report's time) on the other cores while the next is drawn. */
    private final Map<String, java.util.concurrent.Future<Charts.Saved>> encoding = new LinkedHashMap<>();
    private final java.util.concurrent.ExecutorService encoders = java.util.concurrent.Executors.newFixedThreadPool(
            Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), r -> {
                Thread t = new Thread(r, "spectralflow-report-encoder");
                t.setDaemon(true);
                return t;
            });

    private Report(Path dir, List<CellAggregate> finals, SweepGrid grid) {
        this.dir = dir;
        this.finals = finals;
        this.grid = grid;
    }

    /** Writes the report; returns the plots it drew. */
    public static List<Plot> write(Path dir, List<CellAggregate> finals, SweepGrid grid) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        Report r = new Report(dir, finals, grid);
        try {
            r.fractions();
            r.rates();
            r.circularLaw();
            r.tanhVersusLinear();
            r.precision();
            if (grid != null) r.samples();
            else r.notes.add("Sample-matrix plots need the sweep's grid (sweep.json), which was not found.");
            r.awaitEncoded();
        } finally {
            r.encoders.shutdownNow();
        }
        Files.writeString(dir.resolve("report.html"), Html.page(finals, grid, r.plots, r.notes, r.saved), StandardCharsets.UTF_8);
        return r.plots;
    }

    private void save(XYChart c, Path dir, String name) {
        encoding.put(name, encoders.submit(() -> Charts.save(c, dir, name)));
    }

    private void awaitEncoded() throws IOException {
        for (Map.Entry<String, java.util.concurrent.Future<Charts.Saved>> e : encoding.entrySet()) {
            try {
                saved.put(e.getKey(), e.getValue().get());
            } catch (java.util.concurrent.ExecutionException x) {
                if (x.getCause() instanceof IOException io) throw io;
                if (x.getCause() instanceof RuntimeException re) throw re;
                throw new IOException(x.getCause());
            } catch (InterruptedException x) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while writing the report's plots");
            }
        }
    }

    /** Series of a plot: one per (ensemble, N, activation, precision), points by ρ. */
    private Map<String, List<CellAggregate>> series() {
        boolean manyEnsembles = finals.stream().map(s -> s.key().ensemble()).distinct().count() > 1;
        boolean manyPrecisions = finals.stream().map(s -> s.key().precision()).distinct().count() > 1;
        Map<String, List<CellAggregate>> out = new TreeMap<>();
        for (CellAggregate s : finals) {
            String name = (manyEnsembles ? s.key().ensemble().wire() + " " : "") + "N=" + s.key().n() + " "
                    + s.key().activation().wire() + (manyPrecisions ? " " + s.key().precision().wire() : "");
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(s);
        }
        out.values().forEach(l -> l.sort((a, b) -> Double.compare(x(a), x(b))));
        return out;
    }

    /** The ρ a cell stands at: its target for radius sweeps, its mean measured ρ otherwise. */
    static double x(CellAggregate s) {
        return s.key().scaling() == Scaling.RADIUS ? s.key().scale() : s.stats().rhoMean();
    }

    private static double[] xs(List<CellAggregate> l) {
        return l.stream().mapToDouble(Report::x).toArray();
    }

    private static double[] ys(List<CellAggregate> l, ToDoubleFunction<CellAggregate> f) {
        return l.stream().mapToDouble(f).toArray();
    }

    /** Wilson score interval for k successes in n trials at 95 %: {low, high}. */
    static double[] wilson(long k, long n) {
        if (n == 0) return new double[] {0, 1};
        double z = 1.959963984540054, p = (double) k / n, z2n = z * z / n;
        double centre = (p + z2n / 2) / (1 + z2n);
        double half = z * Math.sqrt(p * (1 - p) / n + z2n / (4 * n)) / (1 + z2n);
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    private void fractions() throws IOException {
        String[] outcomes = {"exploded", "vanished", "stable"};
        for (String outcome : outcomes) {
            XYChart c = Charts.chart("Fraction " + outcome + " against spectral radius (95 % Wilson intervals)",
                    "spectral radius ρ", "fraction " + outcome);
            c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
            int i = 0;
            for (Map.Entry<String, List<CellAggregate>> e : series().entrySet()) {
                List<CellAggregate> l = e.getValue();
                ToDoubleFunction<CellStats> k = outcome.equals("exploded") ? CellStats::exploded
                        : outcome.equals("vanished") ? CellStats::vanished : CellStats::stable;
                double[] y = new double[l.size()], lo = new double[l.size()], hi = new double[l.size()];
                for (int j = 0; j < l.size(); j++) {
                    CellStats s = l.get(j).stats();
                    y[j] = k.applyAsDouble(s) / s.count();
                    double[] w = wilson((long) k.applyAsDouble(s), s.count());
                    lo[j] = w[0];
                    hi[j] = w[1];
                }
                java.awt.Color col = Charts.PALETTE[i++ % Charts.PALETTE.length];
                Charts.line(c, e.getKey(), xs(l), y, col);
                Charts.dashed(c, i == 1 ? "dashed: 95 % Wilson interval" : e.getKey() + " CI low", xs(l), lo, col, i == 1);
                Charts.dashed(c, e.getKey() + " CI high", xs(l), hi, col, false);
            }
            save(c, dir, "fraction-" + outcome);
            plots.add(new Plot("fraction-" + outcome, "Fraction of runs " + outcome + " against ρ, one curve per (N, activation); "
                    + "dashed: 95 % Wilson score interval."));
        }
    }

    private void rates() throws IOException {
        XYChart c = Charts.chart("Gradient growth rate γ against spectral radius", "spectral radius ρ", "γ = ln(ratio) / T  (per step)");
        int i = 0;
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (Map.Entry<String, List<CellAggregate>> e : series().entrySet()) {
            List<CellAggregate> l = e.getValue();
            java.awt.Color col = Charts.PALETTE[i++ % Charts.PALETTE.length];
            Charts.line(c, e.getKey() + " median", xs(l), finite(ys(l, s -> s.stats().gammaP50())), col);
            Charts.dashed(c, i == 1 ? "dashed: p05 and p95" : e.getKey() + " p05", xs(l), finite(ys(l, s -> s.stats().gammaP05())), col, i == 1);
            Charts.dashed(c, e.getKey() + " p95", xs(l), finite(ys(l, s -> s.stats().gammaP95())), col, false);
            for (double v : xs(l)) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (hi == lo) { // one cell: the theory still shows, over a small range around it
            lo = Math.max(1e-3, lo - 0.05);
            hi = hi + 0.05;
        }
        if (lo > 0 && hi > lo) {
            int m = 100;
            double[] x = new double[m], y = new double[m];
            for (int j = 0; j < m; j++) {
                x[j] = lo + (hi - lo) * j / (m - 1.0);
                y[j] = Math.log(x[j]);
            }
            Charts.dashed(c, "theory ln ρ (linear)", x, y, java.awt.Color.BLACK, true);
            if (finals.stream().anyMatch(a -> a.key().activation() == Activation.TANH && !a.key().independentJacobians())) {
                double[] mf = new double[m];
                for (int j = 0; j < m; j++) mf[j] = org.spectralflow.math.Theory.meanFieldTanhRate(x[j]);
                Charts.dashed(c, "mean-field γ (tanh, g = ρ)", x, mf, java.awt.Color.GRAY, true);
            }
        }
        i = 0;
        for (Map.Entry<String, List<CellAggregate>> e : series().entrySet()) {
            java.awt.Color col = Charts.PALETTE[i++ % Charts.PALETTE.length];
            List<CellAggregate> l = e.getValue();
            if (l.stream().anyMatch(a -> a.key().independentJacobians())) // a product of independent matrices: Newman's exponent
                Charts.dashed(c, e.getKey() + " theory (Newman)", xs(l), finite(ys(l, a -> a.stats().spectral().theoryRate())), col, true);
        }
        save(c, dir, "gamma");
        plots.add(new Plot("gamma", "Median γ against ρ with its p05–p95 band (dashed, same colour); black dashed: ln ρ, "
                + "the linear theory of a fixed W (for independent Jacobians, Newman's exponent in the series' colour); grey dashed: "
                + "the mean-field γ of a large random tanh network with gain g = ρ, ½ ln(g² E[sech⁴]), which is ln g below 1. "
                + "Saturation (tanh) pulls γ below ln ρ above 1."));
    }

    /**
     * The circular-law statistics against N: mean number of real eigenvalues of gaussian cells with
     * Edelman–Kostlan–Shub's E_N, and the p05/p50/p95 of ρ per scale. Drawn when the sweep has
     * more than one N.
     */
    private void circularLaw() throws IOException {
        java.util.TreeMap<Integer, double[]> real = new java.util.TreeMap<>(); // N → {Σ count·mean, Σ count}
        for (CellAggregate a : finals)
            if (a.key().ensemble() == org.spectralflow.model.Ensemble.GAUSSIAN && Double.isFinite(a.stats().spectral().realEigsMean())) {
                double[] acc = real.computeIfAbsent(a.key().n(), k -> new double[2]);
                acc[0] += a.stats().count() * a.stats().spectral().realEigsMean();
                acc[1] += a.stats().count();
            }
        if (real.size() < 2) return;
        XYChart c = Charts.chart("Real eigenvalues against N (gaussian cells)", "N", "mean number of real eigenvalues");
        double[] n = real.keySet().stream().mapToDouble(Integer::doubleValue).toArray();
        double[] y = real.values().stream().mapToDouble(v -> v[0] / v[1]).toArray();
        Charts.line(c, "measured", n, y, Charts.PALETTE[0]);
        int lo = (int) n[0], hi = (int) n[n.length - 1], m = Math.min(200, hi - lo + 1);
        double[] tn = new double[m], te = new double[m];
        for (int j = 0; j < m; j++) {
            tn[j] = lo + Math.round((hi - lo) * j / Math.max(1.0, m - 1.0));
            te[j] = org.spectralflow.math.Theory.expectedRealEigenvalues((int) tn[j]);
        }
        Charts.dashed(c, "E_N (Edelman–Kostlan–Shub)", tn, te, java.awt.Color.BLACK, true);
        save(c, dir, "real-eigenvalues");
        plots.add(new Plot("real-eigenvalues", "Mean number of real eigenvalues (Im exactly 0) of the gaussian cells against N; "
                + "dashed: E_N = ½ + √2·₂F₁(1, −½; N; ½)/B(N, ½), the expected count for i.i.d. Gaussian entries (scaling does "
                + "not change it)."));

        if (finals.stream().noneMatch(a -> a.key().scaling() == Scaling.GAIN)) return; // with radius scaling ρ is the target
        XYChart q = Charts.chart("Quantiles of ρ against N (gain scaling)", "N", "spectral radius ρ");
        // a gain cell's trials spread over ρ bins: its quantiles from the bins' counts, each bin at its median
        java.util.TreeMap<String, java.util.TreeMap<Integer, List<double[]>>> byScale = new java.util.TreeMap<>();
        for (CellAggregate a : finals)
            if (a.key().scaling() == Scaling.GAIN)
                byScale.computeIfAbsent(a.key().ensemble().wire() + " g = " + a.key().scale() + " " + a.key().activation().wire(),
                        k -> new java.util.TreeMap<>()).computeIfAbsent(a.key().n(), k -> new ArrayList<>())
                        .add(new double[] {a.stats().spectral().rhoP50(), a.stats().count()});
        int i = 0;
        for (Map.Entry<String, java.util.TreeMap<Integer, List<double[]>>> e : byScale.entrySet()) {
            if (e.getValue().size() < 2) continue;
            java.awt.Color col = Charts.PALETTE[i++ % Charts.PALETTE.length];
            double[] x = e.getValue().keySet().stream().mapToDouble(Integer::doubleValue).toArray();
            double[][] qs = new double[3][x.length];
            int j = 0;
            for (List<double[]> bins : e.getValue().values()) {
                double[] p = {0.05, 0.5, 0.95};
                for (int k = 0; k < 3; k++) qs[k][j] = weightedQuantile(bins, p[k]);
                j++;
            }
            Charts.line(q, e.getKey() + " p50", x, qs[1], col);
            Charts.dashed(q, i == 1 ? "dashed: p05 and p95" : e.getKey() + " p05", x, qs[0], col, i == 1);
            Charts.dashed(q, e.getKey() + " p95", x, qs[2], col, false);
        }
        if (i == 0) return;
        save(q, dir, "rho-quantiles");
        plots.add(new Plot("rho-quantiles", "Median ρ against N with its p05–p95 band (dashed), per gain g (to within one ρ bin: "
                + "a gain cell's matrices spread over bins, each counted at its median): the circular law puts ρ near g, with a "
                + "spread that shrinks as N grows."));
    }

    /** The nearest-rank p-quantile of values {value, count}. */
    static double weightedQuantile(List<double[]> values, double p) {
        List<double[]> v = new ArrayList<>(values);
        v.sort((a, b) -> Double.compare(a[0], b[0]));
        double total = 0;
        for (double[] x : v) total += x[1];
        double rank = Math.max(1, Math.ceil(p * total)), seen = 0;
        for (double[] x : v) if ((seen += x[1]) >= rank) return x[0];
        return v.isEmpty() ? Double.NaN : v.get(v.size() - 1)[0];
    }

    private static double[] finite(double[] y) {
        double[] out = y.clone();
        for (int i = 0; i < out.length; i++) if (!Double.isFinite(out[i])) out[i] = Double.NaN;
        return out;
    }

    private void tanhVersusLinear() throws IOException {
        boolean both = finals.stream().anyMatch(s -> s.key().activation() == Activation.LINEAR)
                && finals.stream().anyMatch(s -> s.key().activation() == Activation.TANH);
        if (!both) {
            notes.add("The tanh-against-linear plot needs both activations in the sweep.");
            return;
        }
        int steps = grid == null ? 1 : grid.steps();
        XYChart c = Charts.chart("Gradient ratio over " + (grid == null ? "one step" : steps + " steps") + ": tanh against linear",
                "spectral radius ρ", "log₁₀ of the median gradient ratio ‖g₀‖/‖g_T‖");
        int i = 0;
        for (Map.Entry<String, List<CellAggregate>> e : series().entrySet()) {
            List<CellAggregate> l = e.getValue();
            // log₁₀ of e^(T·γ): a linear axis of decades, readable where a log axis would label every one of 30
            double[] y = finite(ys(l, s -> steps * s.stats().gammaP50() / Math.log(10)));
            Charts.line(c, e.getKey(), xs(l), y, Charts.PALETTE[i++ % Charts.PALETTE.length]);
        }
        save(c, dir, "tanh-vs-linear");
        plots.add(new Plot("tanh-vs-linear", "Median gradient ratio over the horizon, linear against tanh: saturation tames "
                + "explosion above ρ = 1 (and, above the onset of chaos, only slows it)."));
    }

    private void precision() throws IOException {
        boolean any = finals.stream().anyMatch(s -> !Double.isNaN(s.stats().subnormalF32Mean())
                || !Double.isNaN(s.stats().subnormalF64Mean()) || !Double.isNaN(s.stats().forgetF32Mean())
                || !Double.isNaN(s.stats().forgetF64Mean()));
        if (!any) {
            notes.add("No finite-precision results: run the sweep with --precision f32, f64 or both for the underflow and "
                    + "forgetting plots.");
            return;
        }
        precisionChart("precision-underflow", "Underflow: first step with max|h_t| below the smallest normal",
                CellStats::subnormalF32Mean, CellStats::subnormalF64Mean,
                (f, rho, n) -> Math.ceil(Math.log(f.minNormal / maxAbsGaussian(n)) / Math.log(rho)),
                "Mean subnormal_step against ρ, one series per activation and format (and N); dashed, for linear cells: ⌈ln(min normal / "
                        + "max|h₀|)/ln ρ⌉ with max|h₀| ≈ √(2 ln N) (√(2/π) at N = 1), exact for normal W.");
        precisionChart("precision-forgetting", "Forgetting: first step the two driven runs agree to 4ε",
                CellStats::forgetF32Mean, CellStats::forgetF64Mean,
                (f, rho, n) -> Math.log(4 * f.epsilon / Math.sqrt(2.0 * n)) / Math.log(rho),
                "Mean forget_step against ρ, one series per activation and format (and N); dashed, for linear cells: ln(4ε/‖h₀ − h₀′‖)/ln ρ "
                        + "with ‖h₀ − h₀′‖ ≈ √(2N), the linear theory.");
    }

    private interface PrecisionTheory {
        double at(Precision.Format f, double rho, int n);
    }

    private void precisionChart(String name, String title, ToDoubleFunction<CellStats> f32, ToDoubleFunction<CellStats> f64,
                                PrecisionTheory theory, String caption) throws IOException {
        XYChart c = Charts.chart(title, "spectral radius ρ", "step");
        int i = 0;
        // linear and tanh cells forget at different steps: never one series for both (nor for two N)
        for (Map.Entry<String, List<CellAggregate>> e : series().entrySet()) {
            List<CellAggregate> l = e.getValue();
            double[] x = xs(l);
            int n = l.get(0).key().n();
            for (Precision.Format f : Precision.Format.values()) {
                ToDoubleFunction<CellStats> get = f == Precision.Format.F32 ? f32 : f64;
                double[] y = ys(l, s -> get.applyAsDouble(s.stats()));
                if (java.util.Arrays.stream(y).noneMatch(v -> v > 0)) continue;
                java.awt.Color col = Charts.PALETTE[i++ % Charts.PALETTE.length];
                for (int j = 0; j < y.length; j++) if (!(y[j] > 0)) y[j] = Double.NaN;
                Charts.points(c, e.getKey() + " " + f.wire, x, y, col);
                double[] t = new double[x.length];
                for (int j = 0; j < x.length; j++) t[j] = x[j] < 1 && x[j] > 0 ? theory.at(f, x[j], n) : Double.NaN;
                boolean linear = l.get(0).key().activation() == Activation.LINEAR; // both theories are the linear map's
                if (linear && java.util.Arrays.stream(t).anyMatch(v -> v > 0))
                    Charts.dashed(c, e.getKey() + " " + f.wire + " theory", x, t, col, true);
            }
        }
        save(c, dir, name);
        plots.add(new Plot(name, caption));
    }

    /** The typical largest |entry| of n standard Gaussians: √(2 ln n), and E|Z| = √(2/π) for one. */
    static double maxAbsGaussian(int n) {
        return n == 1 ? Math.sqrt(2 / Math.PI) : Math.sqrt(2 * Math.log(n));
    }

    /**
     * Plots of a few matrices regenerated from the sweep's seeds, for the dense sizes only: a CSR
     * matrix has six known eigenvalues, not a spectrum to plot, and regenerating one costs its
     * whole Krylov analysis again (a minute at N = 10⁵).
     */
    private void samples() throws IOException {
        Map<String, Analysis> first = null;
        for (int ni = 0; ni < grid.sizes().size(); ni++) {
            if (grid.spec((long) ni * grid.activations().size() * grid.precisions().size() * grid.scales().size(), 0).csr()) continue;
            Map<String, Analysis> picked = picked(ni);
            if (first == null) first = picked;
            eigenvalues(picked, grid.sizes().get(ni), grid.sizes().size() == 1 ? "eigenvalues" : "eigenvalues-n" + grid.sizes().get(ni));
        }
        if (first == null) return;
        growth(first);
        if (!grid.spec(grid.scales().size() / 2, 0).csr()) seedExperiment();
    }

    /** One matrix (trial 0) of the first, middle and last scale of size index ni (first ensemble, activation, precision). */
    private Map<String, Analysis> picked(int ni) {
        int scales = grid.scales().size();
        long base = (long) ni * grid.activations().size() * grid.precisions().size() * scales;
        Map<String, Analysis> picked = new LinkedHashMap<>();
        for (int k : new int[] {0, scales / 2, scales - 1}) {
            Spec s = grid.spec(base + k, 0);
            String label = (grid.scaling() == Scaling.RADIUS ? "r = " : "g = ") + s.scale();
            picked.putIfAbsent(label, Analyzer.analyze(s));
        }
        return picked;
    }

    private void eigenvalues(Map<String, Analysis> picked, int n, String name) throws IOException {
        XYChart eig = Charts.chart("Eigenvalues of sample matrices (" + grid.ensembles().get(0).wire() + ", N = " + n + ")",
                "Re λ", "Im λ", EIG_SIZE, EIG_SIZE + 90);
        eig.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        double lim = 0;
        for (Map.Entry<String, Analysis> e : picked.entrySet()) lim = Math.max(lim, Math.max(e.getValue().spectrum().rho(), scaleOf(e.getKey())));
        lim *= 1.1;
        eig.getStyler().setXAxisMin(-lim).setXAxisMax(lim).setYAxisMin(-lim).setYAxisMax(lim);
        int i = 0;
        for (Map.Entry<String, Analysis> e : picked.entrySet()) {
            java.awt.Color col = Charts.PALETTE[i++ % Charts.PALETTE.length];
            double[] re = e.getValue().spectrum().re(), im = e.getValue().spectrum().im();
            List<double[]> real = new ArrayList<>(), complex = new ArrayList<>();
            for (int j = 0; j < re.length; j++) (im[j] == 0 ? real : complex).add(new double[] {re[j], im[j]});
            if (!complex.isEmpty()) Charts.points(eig, e.getKey(), column(complex, 0), column(complex, 1), col);
            if (!real.isEmpty()) {
                var s = Charts.points(eig, e.getKey() + " (real)", column(real, 0), column(real, 1), col);
                s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.DIAMOND);
            }
            double r = scaleOf(e.getKey());
            int m = 200;
            double[] cx = new double[m + 1], cy = new double[m + 1];
            for (int j = 0; j <= m; j++) {
                cx[j] = r * Math.cos(2 * Math.PI * j / m);
                cy[j] = r * Math.sin(2 * Math.PI * j / m);
            }
            Charts.dashed(eig, "circle of radius " + r, cx, cy, col, true);
        }
        save(eig, dir, name);
        plots.add(new Plot(name, "Eigenvalues of one matrix per sample cell at N = " + n + " with the circle of radius "
                + (grid.scaling() == Scaling.RADIUS ? "r" : "g (circular law)") + " (dashed); diamonds: real eigenvalues.",
                EIG_SIZE, EIG_SIZE + 90));
    }

    private static double scaleOf(String label) {
        return Double.parseDouble(label.substring(label.indexOf('=') + 1).trim());
    }

    private void growth(Map<String, Analysis> picked) throws IOException {
        int i;
        XYChart growth = Charts.chart("Growth a_n = ‖Bⁿg‖/‖g‖ of sample matrices (N = " + grid.sizes().get(0) + "), with ρⁿ",
                "step n", "log₁₀ a_n");
        growth.getStyler().setXAxisDecimalPattern("#");
        growth.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS);
        i = 0;
        for (Map.Entry<String, Analysis> e : picked.entrySet()) {
            java.awt.Color col = Charts.PALETTE[i++ % Charts.PALETTE.length];
            double[] a = e.getValue().linear().growth(), n = new double[a.length], rn = new double[a.length];
            double rho = e.getValue().spectrum().rho();
            double[] y = new double[a.length];
            for (int j = 0; j < a.length; j++) { // log₁₀ on a linear axis: ticks every few decades, not every one
                n[j] = j + 1;
                rn[j] = rho > 0 ? (j + 1) * Math.log10(rho) : Double.NaN;
                y[j] = a[j] > 0 && Double.isFinite(a[j]) ? Math.log10(a[j]) : Double.NaN;
            }
            var s = Charts.line(growth, e.getKey(), n, y, col);
            s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
            Charts.dashed(growth, "ρⁿ, " + e.getKey(), n, rn, col, true);
        }
        save(growth, dir, "growth");
        plots.add(new Plot("growth", "Growth curves of the sample matrices (solid) beside ρⁿ (dashed), as log₁₀: parallel lines "
                + "once the dominant mode takes over."));
    }

    /** s_n/(δ|λ₁|ⁿ) for one matrix with a real and one with a complex λ₁, searched among the sweep's trials. */
    private void seedExperiment() throws IOException {
        Analysis real = null, complex = null;
        long cell = grid.scales().size() / 2;
        for (int t = 0; t < Math.min(grid.trials(), 60) && (real == null || complex == null); t++) {
            Spec s = grid.spec(cell, t);
            Analysis a = Analyzer.analyze(s);
            if (a.linear().separationRatio() == null) return;
            if (a.spectrum().lambda1Im() == 0 && real == null) real = a;
            if (a.spectrum().lambda1Im() != 0 && complex == null) complex = a;
        }
        XYChart c = Charts.chart("The seed's experiment: s_n / (δ |λ₁|ⁿ)", "step n", "s_n / (δ |λ₁|ⁿ)");
        c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideS); // the plot keeps the width
        int i = 0;
        for (Analysis a : new Analysis[] {real, complex}) {
            if (a == null) continue;
            double[] r = a.linear().separationRatio().clone();
            double[] n = new double[r.length];
            for (int j = 0; j < r.length; j++) n[j] = j + 1;
            String label = a.spectrum().lambda1Im() == 0 ? String.format(Locale.ROOT, "real λ₁ = %.4f (%s)", a.spectrum().lambda1Re(), a.id())
                    : String.format(Locale.ROOT, "complex λ₁, θ = %.3f: repeats every π/θ = %.1f steps (%s)", a.spectrum().theta(),
                            Math.PI / a.spectrum().theta(), a.id());
            var s = Charts.line(c, label, n, finite(r), Charts.PALETTE[i++]);
            s.setMarker(org.knowm.xchart.style.markers.SeriesMarkers.NONE);
        }
        if (i == 0) return;
        save(c, dir, "separation");
        plots.add(new Plot("separation", "g and g + δv propagated as two vectors: for a real λ₁ their separation is "
                + "δ|λ₁|ⁿ up to rounding (ratio 1 within T·ε/δ); for a complex λ₁ it stays bounded and oscillates, repeating every π/θ steps (a norm repeats every half turn)."));
    }

    private static double[] column(List<double[]> rows, int j) {
        return rows.stream().mapToDouble(r -> r[j]).toArray();
    }

}

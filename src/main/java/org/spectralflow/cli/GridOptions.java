package org.spectralflow.cli;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.spectralflow.model.Activation;
import org.spectralflow.model.AnalysisOptions;
import org.spectralflow.model.AnalysisRequest;
import org.spectralflow.model.Ensemble;
import org.spectralflow.model.Precision;
import org.spectralflow.model.Scaling;
import org.spectralflow.model.Spec;
import org.spectralflow.model.SweepGrid;
import picocli.CommandLine.Option;

/** The sweep grid on the command line: options named after the spec record's fields. */
final class GridOptions {
    @Option(names = "--sweep", description = "Sweep name (default: sweep-<date>-<time>).")
    String sweep;

    @Option(names = "--seed", description = "Sweep seed; per-spec seeds derive from (seed, cell, trial) (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--ensemble", description = "Ensembles, comma-separated: gaussian, uniform, sparse, orthogonal (default: ${DEFAULT-VALUE}).")
    String ensembles = "gaussian";

    @Option(names = "--n", description = "Matrix sizes N, comma-separated or a:b:step (default: ${DEFAULT-VALUE}).")
    String sizes = "32";

    @Option(names = "--scaling", description = "radius (scale is the exact ρ) or gain (scale is g) (default: ${DEFAULT-VALUE}).")
    String scaling = "radius";

    @Option(names = "--scale", description = "Scale values, comma-separated or a:b:step inclusive (default: ${DEFAULT-VALUE}).")
    String scales = "0.8:1.2:0.1";

    @Option(names = "--activation", description = "Activations, comma-separated: linear, tanh (default: ${DEFAULT-VALUE}).")
    String activations = "linear,tanh";

    @Option(names = "--precision", description = "Finite-precision experiments, comma-separated: none, f32, f64, both (default: ${DEFAULT-VALUE}).")
    String precisions = "none";

    @Option(names = "--trials", description = "Matrices per cell (default: ${DEFAULT-VALUE}).")
    int trials = 20;

    @Option(names = "--steps", description = "Propagation steps T (default: ${DEFAULT-VALUE}).")
    int steps = 200;

    @Option(names = "--delta", description = "Perturbation size δ (default: ${DEFAULT-VALUE}).")
    double delta = AnalysisRequest.DEFAULT_DELTA;

    @Option(names = "--density", description = "Nonzero probability p of the sparse ensemble (default: ${DEFAULT-VALUE}).")
    double density = 1.0;

    @Option(names = "--bias-std", description = "Standard deviation σ_b of the tanh bias (default: ${DEFAULT-VALUE}).")
    double biasStd = 0.0;

    @Option(names = "--explode", description = "Explosion threshold E; vanishing below 1/E (default: ${DEFAULT-VALUE}).")
    double explode = AnalysisRequest.DEFAULT_EXPLODE;

    @Option(names = "--bin-width", description = "ρ bin width w for gain sweeps (default: ${DEFAULT-VALUE}).")
    double binWidth = Spec.DEFAULT_BIN_WIDTH;

    @Option(names = "--jacobian", description = "fixed (one W) or independent (a fresh matrix every step) (default: ${DEFAULT-VALUE}).")
    String jacobian = "fixed";

    @Option(names = "--precision-budget", description = "Step budget of the finite-precision experiments (default: ${DEFAULT-VALUE}).")
    int precisionBudget = AnalysisRequest.DEFAULT_PRECISION_BUDGET;

    @Option(names = "--lyapunov-k", description = "Also compute the k leading Lyapunov exponents of each matrix's map "
            + "(Benettin's QR method; 0 = none, default: ${DEFAULT-VALUE}).")
    int lyapunovK = 0;

    @Option(names = "--transient", description = "Transient peak max ‖Bⁿ‖₂: estimate (default) or exact (costs T·N³ per matrix).")
    String transientMode = "estimate";

    @Option(names = "--leak", description = "Leak rate a ∈ (0, 1] of the units (ReservoirPy's lr; default: ${DEFAULT-VALUE}).")
    double leak = 1.0;

    @Option(names = "--esp", description = "Check the echo state property of every matrix (esp_violated per cell).")
    boolean esp;

    @Option(names = "--esp-steps", description = "Steps of the echo state check (default: ${DEFAULT-VALUE}).")
    int espSteps = AnalysisOptions.DEFAULT_ESP_STEPS;

    @Option(names = "--input-scale", description = "Input scale s of the echo state check (default: ${DEFAULT-VALUE}: zero input).")
    double inputScale = 0.0;

    @Option(names = "--dense-max-n", description = "Above this N the sparse ensemble is drawn, stored and propagated in CSR, "
            + "with a Krylov spectrum (default: ${DEFAULT-VALUE}).")
    int denseMaxN = AnalysisOptions.DEFAULT_DENSE_MAX_N;

    @Option(names = "--block-trials", description = "Trials per spec record: 0 (default) publishes each cell as one block per "
            + "spec partition (at most 2^36 multiply-adds each); 1 publishes trial by trial. Results are the same.")
    long blockTrials = 0;

    @Option(names = "--yes", description = "Run a grid of more than 10^7 matrices (without it, such a grid is refused with its size).")
    boolean yes;

    /** Grids above this many matrices need --yes: a typo in a range should not start a week of work. */
    static final long CONFIRM_ABOVE = 10_000_000L;

    SweepGrid grid() {
        String name = sweep != null ? sweep
                : "sweep-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        if (!jacobian.equals("fixed") && !jacobian.equals("independent"))
            throw new IllegalArgumentException("--jacobian must be fixed or independent, got '" + jacobian + "'");
        List<Integer> ns = new ArrayList<>();
        for (double x : SweepGrid.parseNumbers(sizes, "--n")) {
            if (x != Math.rint(x) || x < 1) throw new IllegalArgumentException("--n: sizes must be positive integers, got " + x);
            ns.add((int) x);
        }
        if (blockTrials < 0) throw new IllegalArgumentException("--block-trials must not be negative, got " + blockTrials);
        if (trials > org.spectralflow.model.Limits.MAX_CELL_TRIALS)
            throw new IllegalArgumentException("--trials must be at most " + org.spectralflow.model.Limits.MAX_CELL_TRIALS
                    + " per cell, got " + trials);
        SweepGrid g = new SweepGrid(name, seed, words(ensembles, Ensemble::parse), ns, Scaling.parse(scaling),
                SweepGrid.parseNumbers(scales, "--scale"), words(activations, Activation::parse),
                words(precisions, Precision::parse), trials, steps, delta, density, biasStd, explode, binWidth,
                jacobian.equals("independent"), precisionBudget,
                new AnalysisOptions(lyapunovK, AnalysisOptions.parseTransient(transientMode), leak, esp, espSteps, inputScale,
                        denseMaxN));
        if (g.size() > CONFIRM_ABOVE && !yes)
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "the grid is %d cells × %d trials = %.3g matrices; above 10^7 a sweep needs --yes", g.cells(), g.trials(),
                    (double) g.size()));
        return g;
    }

    private static <T> List<T> words(String text, java.util.function.Function<String, T> parse) {
        List<T> out = new ArrayList<>();
        for (String w : text.split(",")) if (!w.isBlank()) out.add(parse.apply(w.trim()));
        return out;
    }
}

package org.spectralflow.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spectralflow.codec.AnalysisCodec;
import org.spectralflow.codec.HealthCodec;
import org.spectralflow.codec.Json;
import org.spectralflow.codec.MatrixCodec;
import org.spectralflow.codec.RequestFiles;
import org.spectralflow.math.Analyzer;
import org.spectralflow.math.HealthAnalyzer;
import org.spectralflow.model.Analysis;
import org.spectralflow.model.AnalysisRequest;
import org.spectralflow.model.Weights;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spectralflow analyze}: the full analysis of one matrix from a file, no Kafka needed. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = {"Analyse one matrix: spectrum, linear and tanh propagation, finite precision.",
                "Input: a JSON object shaped like an sf.weights record (data or data_b64, or csr), a NumPy .npy file, a SciPy .npz (save_npz) file, or CSV.",
                "Options given here override the request's own fields."})
final class AnalyzeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The matrix file; '-' reads standard input.")
    String file;

    @Option(names = "--format", description = "Input format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}, by content and extension).")
    RequestFiles.Format format = RequestFiles.Format.auto;

    @Option(names = "--compact", description = "One line of JSON instead of pretty-printed.")
    boolean compact;

    @Option(names = "--id", description = "The analysis id (default: the request's id, else the file name).")
    String id;

    @Option(names = "--seed", description = "Seed of the start vectors h0, g and the inputs (default: the request's, else 0).")
    Long seed;

    @Option(names = "--steps", description = "Propagation steps T (default: the request's steps or horizon, else 100).")
    Integer steps;

    @Option(names = "--delta", description = "Perturbation size δ (default 1e-6).")
    Double delta;

    @Option(names = "--activation", description = "linear or tanh: the map of the forgetting experiment (default tanh).")
    String activation;

    @Option(names = "--bias-std", description = "Standard deviation of the seeded tanh bias (default 0).")
    Double biasStd;

    @Option(names = "--precision", description = "Finite-precision experiments: none, f32, f64, both (default none).")
    String precision;

    @Option(names = "--precision-budget", description = "Step budget of the finite-precision experiments (default 20000).")
    Integer budget;

    @Option(names = "--explode", description = "Explosion threshold E; vanishing is below 1/E (default 1e6).")
    Double explode;

    @Option(names = "--lyapunov-k", description = "Also the k leading Lyapunov exponents of the --activation map, with the "
            + "Kaplan–Yorke dimension and entropy rate (default: the request's lyapunov_k, else none).")
    Integer lyapunovK;

    @Option(names = "--transient", description = "linear.transient_peak: estimate (default) or exact (max over n ≤ T of ‖Bⁿ‖₂, "
            + "T·N³ work).")
    String transientMode;

    @Option(names = "--leak", description = "Leak rate a ∈ (0, 1] of h ← (1 − a)h + a·φ(W h + b) (default 1: no leak).")
    Double leak;

    @Option(names = "--esp", description = "Also check the echo state property (tanh map, zero state and 4 seeded starts).")
    Boolean esp;

    @Option(names = "--esp-steps", description = "Steps of the echo state check (default 2000).")
    Integer espSteps;

    @Option(names = "--input-scale", description = "s of the echo state check's inputs s·U(−1, 1)ⁿ (default 0: zero input).")
    Double inputScale;

    @Option(names = "--cell", description = {"Analyse the input as a layer of this recurrent cell: rnn_tanh, rnn_relu, linear, "
            + "lstm (a 4H×H weight_hh), gru (3H×H).", "Prints what the monitor's health record says (gate blocks' ρ and σ₁, "
            + "the trajectory of the request's jacobians) instead of the full analysis. A JSON input with a gated cell or "
            + "jacobians is analysed this way without the option."})
    String cell;

    @Option(names = "--dense-max-n", description = "Above this N a CSR input (.npz, \"format\": \"csr\") stays sparse: "
            + "Krylov spectrum, O(nnz) propagation (default 2048).")
    Integer denseMaxN;

    @Option(names = "--rho", description = {"Only the spectral radius (what SciPy's eigs(k=1) answers): id, n and the spectrum's ρ, λ₁,",
            "method and, for a CSR matrix, the Krylov solver's report (k = 1, converged, residual); no propagation."})
    boolean rhoOnly;

    @Option(names = "--max-n", description = "Largest accepted N of a dense matrix (default: ${DEFAULT-VALUE}; CSR up to 10⁶).")
    int maxN = MatrixCodec.DEFAULT_MAX_N;

    @Override
    public Integer call() throws IOException {
        byte[] bytes = InputFiles.read(file);
        Map<String, Object> overrides = new LinkedHashMap<>();
        put(overrides, "id", id);
        put(overrides, "seed", seed);
        put(overrides, "steps", steps);
        put(overrides, "delta", delta);
        put(overrides, "activation", activation);
        put(overrides, "bias_std", biasStd);
        put(overrides, "precision", precision);
        put(overrides, "precision_budget", budget);
        put(overrides, "explode", explode);
        put(overrides, "lyapunov_k", lyapunovK);
        put(overrides, "transient", transientMode);
        put(overrides, "leak", leak);
        put(overrides, "esp", esp);
        put(overrides, "esp_steps", espSteps);
        put(overrides, "input_scale", inputScale);
        put(overrides, "dense_max_n", denseMaxN);
        String defaultId = file.equals("-") ? "stdin" : Path.of(file).getFileName().toString();
        if (cell != null || RequestFiles.describesLayer(bytes, file, format)) {
            if (rhoOnly) throw new IllegalArgumentException("--rho is for one matrix; a cell's layer gets its health analysis (drop --rho)");
            Weights layer = RequestFiles.readLayer(bytes, file, format, maxN, cell, id == null ? defaultId : id);
            ObjectNode out = HealthCodec.encodeLayer(HealthAnalyzer.read(layer), id == null ? layer.layer() : id);
            System.out.println(compact ? Json.compact(out) : Json.pretty(out));
            return 0;
        }
        AnalysisRequest r = RequestFiles.read(bytes, file, format, maxN, overrides, defaultId);
        if (rhoOnly) {
            ObjectNode out = AnalysisCodec.encodeRadius(r.id(), r.n(), Analyzer.radius(r));
            System.out.println(compact ? Json.compact(out) : Json.pretty(out));
            return 0;
        }
        Analysis a = Analyzer.analyze(r);
        ObjectNode out = AnalysisCodec.encode(a);
        System.out.println(compact ? Json.compact(out) : Json.pretty(out));
        return 0;
    }

    private static void put(Map<String, Object> m, String field, Object value) {
        if (value != null) m.put(field, value);
    }
}

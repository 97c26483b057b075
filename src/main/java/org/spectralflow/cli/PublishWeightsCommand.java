package org.spectralflow.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.spectralflow.codec.RequestFiles;
import org.spectralflow.job.MonitorJobConfig;
import org.spectralflow.kafka.WeightsPublisher;
import org.spectralflow.model.Activation;
import org.spectralflow.model.RecurrentCell;
import org.spectralflow.model.Weights;
import org.spectralflow.run.MonitorTopics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code spectralflow publish-weights}: send weight matrices from files to sf.weights. */
@Command(name = "publish-weights", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Publish weight matrices (.npy, CSV, or JSON with n and data/data_b64) to sf.weights.",
                "Several files become successive training steps: --step, --step + --step-every, ..."})
final class PublishWeightsCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Matrix files, in training order.")
    List<Path> files;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--model", required = true, description = "Model name.")
    String model;

    @Option(names = "--layer", required = true, description = "Layer name, e.g. rnn.weight_hh_l0.")
    String layer;

    @Option(names = "--step", description = "Training step of the first file (default: ${DEFAULT-VALUE}).")
    long step = 0;

    @Option(names = "--step-every", description = "Training steps between successive files (default: ${DEFAULT-VALUE}).")
    long stepEvery = 1;

    @Option(names = "--dtype", description = "f32 (half the bytes) or f64 (exact) (default: ${DEFAULT-VALUE}).")
    String dtype = "f32";

    @Option(names = "--activation", description = "The layer's nonlinearity: linear or tanh (default: ${DEFAULT-VALUE}).")
    String activation = "tanh";

    @Option(names = "--cell", description = {"The layer's cell: rnn_tanh, rnn_relu, linear, lstm (a 4H×H file, PyTorch's "
            + "weight_hh), gru (3H×H) (default: rnn_tanh, or linear with --activation linear)."})
    String cell;

    @Option(names = "--horizon", description = "Steps over which gradient growth is predicted (default: ${DEFAULT-VALUE}).")
    int horizon = Weights.DEFAULT_HORIZON;

    @Option(names = "--max-n", description = "Largest N accepted (default: ${DEFAULT-VALUE}).")
    int maxN = org.spectralflow.codec.MatrixCodec.DEFAULT_MAX_N;

    @Override
    public Integer call() throws Exception {
        kafka.external();
        if (!dtype.equals("f32") && !dtype.equals("f64")) throw new IllegalArgumentException("--dtype must be f32 or f64");
        if (horizon < 1) throw new IllegalArgumentException("--horizon must be positive");
        Activation act = Activation.parse(activation);
        RecurrentCell c = cell == null ? RecurrentCell.of(act) : RecurrentCell.parse(cell);
        MonitorJobConfig cfg = MonitorJobConfig.defaults(kafka.bootstrapServers);
        MonitorTopics.ensure(new MonitorJobConfig(kafka.bootstrapServers, cfg.weightsTopic(), cfg.healthTopic(), cfg.alertsTopic(),
                cfg.dlqTopic(), cfg.groupId(), maxN, 1000, "unused", kafka.clientProperties(), 1, cfg.settings(), cfg.bounds()), 2);
        try (WeightsPublisher pub = new WeightsPublisher(kafka.bootstrapServers, kafka.clientProperties(), cfg.weightsTopic())) {
            long s = step;
            for (Path f : files) {
                Weights w = read(f, c);
                pub.send(new Weights(model, layer, s, c, w.n(), w.data(), horizon, w.jacobians()), dtype);
                System.out.println("published " + f + " as " + model + "/" + layer + " step " + s + " (" + c.wire() + ", N = "
                        + w.n() + ", " + dtype + ")");
                s += stepEvery;
            }
        }
        return 0;
    }

    /** The layer of a file, in any format {@code analyze --cell} reads. */
    private Weights read(Path f, RecurrentCell c) {
        return RequestFiles.readLayer(InputFiles.read(f.toString()), f.toString(), RequestFiles.Format.auto, maxN, c.wire(),
                f.toString());
    }
}

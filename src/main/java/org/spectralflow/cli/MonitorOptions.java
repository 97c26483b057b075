package org.spectralflow.cli;

import org.spectralflow.job.MonitorJobConfig;
import org.spectralflow.model.MonitorSettings;
import picocli.CommandLine.Option;

/** How the monitor judges layers and runs, shared by {@code monitor} and {@code monitor-job}. */
final class MonitorOptions {
    @Option(names = "--regime-band", description = "Per-step gradient rate beyond which a layer is exploding/vanishing (default: ${DEFAULT-VALUE}).")
    double band = MonitorSettings.defaults().band();

    @Option(names = "--settle", description = "Readings within half the band before a layer is stable again (default: ${DEFAULT-VALUE}).")
    int settle = MonitorSettings.defaults().settle();

    @Option(names = "--forecast-window", description = "Readings of ρ the trend line is fitted to (default: ${DEFAULT-VALUE}).")
    int window = MonitorSettings.defaults().window();

    @Option(names = "--forecast-steps", description = "Alert when the trend crosses ρ = 1 within this many training steps (default: ${DEFAULT-VALUE}).")
    long forecastSteps = MonitorSettings.defaults().forecastSteps();

    @Option(names = "--min-r2", description = "Least R² of the trend fit for a forecast alert (default: ${DEFAULT-VALUE}).")
    double minR2 = MonitorSettings.defaults().minR2();

    @Option(names = "--max-n", description = "Largest N accepted (default: ${DEFAULT-VALUE}).")
    int maxN = org.spectralflow.codec.MatrixCodec.DEFAULT_MAX_N;

    @Option(names = "--checkpoint-interval", description = "Checkpoint interval in ms; health and alerts become visible at checkpoints (default: ${DEFAULT-VALUE}).")
    long checkpointMs = 1_000;

    @Option(names = "--group-id", description = "Consumer group of the weights source (default: ${DEFAULT-VALUE}).")
    String groupId = "spectralflow-monitor";

    @Option(names = "--transactional-id-prefix", description = "Prefix of the sink's Kafka transactional ids (default: ${DEFAULT-VALUE}).")
    String txPrefix = "spectralflow-monitor";

    @Option(names = "--weight-partitions", description = "Partitions of sf.weights if created here (default: ${DEFAULT-VALUE}).")
    int weightPartitions = 2;

    MonitorJobConfig config(String bootstrap, java.util.Map<String, String> kafka, int parallelism) {
        MonitorJobConfig d = MonitorJobConfig.defaults(bootstrap);
        return new MonitorJobConfig(bootstrap, d.weightsTopic(), d.healthTopic(), d.alertsTopic(), d.dlqTopic(), groupId,
                maxN, checkpointMs, txPrefix, kafka, parallelism, new MonitorSettings(band, settle, window, forecastSteps, minR2));
    }
}

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

    @Option(names = "--checkpoint-interval", description = "Checkpoint interval in ms; health and alerts become visible at "
            + "checkpoints (default: 2000; monitor-job under flink run: the cluster's).")
    Long checkpointMs;

    @Option(names = "--group-id", description = "Consumer group of the weights source (default: ${DEFAULT-VALUE}).")
    String groupId = "spectralflow-monitor";

    @Option(names = "--transactional-id-prefix", description = "Prefix of the sink's Kafka transactional ids (default: ${DEFAULT-VALUE}).")
    String txPrefix = "spectralflow-monitor";

    @Option(names = "--weight-partitions", description = "Partitions of sf.weights if created here (default: ${DEFAULT-VALUE}).")
    int weightPartitions = org.spectralflow.job.Defaults.partitions(org.spectralflow.job.Topics.WEIGHTS);

    @Option(names = "--layer-ttl", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Forget a layer that sent nothing for this long, e.g. 30m, 24h, 7d; 0 = never (default: 24h).")
    long layerTtlMs = MonitorJobConfig.Bounds.DEFAULT_LAYER_TTL_MS;

    @Option(names = "--max-layers-per-model", description = "Layers one model may have at once; records of further layers "
            + "go to the DLQ (default: ${DEFAULT-VALUE}).")
    int maxLayers = MonitorJobConfig.Bounds.DEFAULT_MAX_LAYERS;

    /** The job's configuration; every option is checked here, before anything starts. */
    MonitorJobConfig config(String bootstrap, java.util.Map<String, String> kafka, int parallelism) {
        MonitorJobConfig d = MonitorJobConfig.defaults(bootstrap);
        if (checkpointMs != null) CheckpointOptions.check(checkpointMs);
        if (maxN < 1) throw new IllegalArgumentException("--max-n must be at least 1, got " + maxN);
        if (window > 10_000) throw new IllegalArgumentException("--forecast-window must be at most 10000 readings, got " + window);
        if (weightPartitions < 1) throw new IllegalArgumentException("--weight-partitions must be at least 1, got " + weightPartitions);
        return new MonitorJobConfig(bootstrap, d.weightsTopic(), d.healthTopic(), d.alertsTopic(), d.dlqTopic(), groupId,
                maxN, checkpointMs == null ? org.spectralflow.job.Defaults.CHECKPOINT_INTERVAL_MS : checkpointMs, txPrefix, kafka, parallelism, new MonitorSettings(band, settle, window, forecastSteps, minR2),
                new MonitorJobConfig.Bounds(layerTtlMs, maxLayers));
    }
}

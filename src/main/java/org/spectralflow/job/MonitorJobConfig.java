package org.spectralflow.job;

import java.io.Serializable;
import java.util.Map;
import org.spectralflow.model.MonitorSettings;

/**
 * Everything the monitor job needs to know, in one place; the CLI overrides the defaults.
 *
 * @param bounds how much the job remembers per model and for how long
 */
public record MonitorJobConfig(String bootstrapServers, String weightsTopic, String healthTopic, String alertsTopic,
                               String dlqTopic, String groupId, int maxN, long checkpointIntervalMs,
                               String transactionalIdPrefix, Map<String, String> kafkaProperties, int parallelism,
                               MonitorSettings settings, Bounds bounds) implements Serializable {

    /**
     * The monitor's state is one entry per (model, layer) of at most {@code window} readings.
     *
     * @param layerTtlMs a layer silent for this long is forgotten (its next reading starts afresh); 0: never
     * @param maxLayersPerModel layers a model may have at once; a record of a further layer is rejected
     */
    public record Bounds(long layerTtlMs, int maxLayersPerModel) implements Serializable {
        public static final long DEFAULT_LAYER_TTL_MS = 24L * 3600 * 1000;
        public static final int DEFAULT_MAX_LAYERS = 1024;

        public Bounds {
            if (layerTtlMs < 0) throw new IllegalArgumentException("layer TTL must not be negative, got " + layerTtlMs);
            if (maxLayersPerModel < 1) throw new IllegalArgumentException("--max-layers-per-model must be at least 1, got " + maxLayersPerModel);
        }

        public static Bounds defaults() {
            return new Bounds(DEFAULT_LAYER_TTL_MS, DEFAULT_MAX_LAYERS);
        }
    }

    public static MonitorJobConfig defaults(String bootstrapServers) {
        return new MonitorJobConfig(bootstrapServers, Topics.WEIGHTS, Topics.HEALTH, Topics.ALERTS, Topics.DLQ,
                "spectralflow-monitor", org.spectralflow.codec.MatrixCodec.DEFAULT_MAX_N, Defaults.CHECKPOINT_INTERVAL_MS, "spectralflow-monitor",
                Map.of(), 2, MonitorSettings.defaults(), Bounds.defaults());
    }
}

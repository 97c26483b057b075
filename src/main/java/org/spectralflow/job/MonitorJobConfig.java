package org.spectralflow.job;

import java.io.Serializable;
import java.util.Map;
import org.spectralflow.model.MonitorSettings;

/** Everything the monitor job needs to know, in one place; the CLI overrides the defaults. */
public record MonitorJobConfig(String bootstrapServers, String weightsTopic, String healthTopic, String alertsTopic,
                               String dlqTopic, String groupId, int maxN, long checkpointIntervalMs,
                               String transactionalIdPrefix, Map<String, String> kafkaProperties, int parallelism,
                               MonitorSettings settings) implements Serializable {

    public static MonitorJobConfig defaults(String bootstrapServers) {
        return new MonitorJobConfig(bootstrapServers, Topics.WEIGHTS, Topics.HEALTH, Topics.ALERTS, Topics.DLQ,
                "spectralflow-monitor", org.spectralflow.codec.MatrixCodec.DEFAULT_MAX_N, 2_000, "spectralflow-monitor",
                Map.of(), 2, MonitorSettings.defaults());
    }
}

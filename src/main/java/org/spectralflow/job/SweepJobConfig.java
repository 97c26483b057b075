package org.spectralflow.job;

import java.io.Serializable;
import java.util.Map;

/**
 * Everything the sweep job needs to know, in one place. Defaults live in {@link #defaults}; the
 * CLI overrides them, and {@code kafkaProperties} passes any Kafka client property through
 * (security settings included).
 *
 * @param resultsTopic null to skip per-matrix results
 * @param startOffsets for a bounded run, where to start per partition of the specs topic
 *     ("partition" → offset); null to start from the group's committed offsets, else the earliest
 * @param partialEvery emit a partial aggregate every this many trials of a cell; 0 means a tenth
 *     of the cell
 */
public record SweepJobConfig(String bootstrapServers, String specsTopic, String resultsTopic, String statsTopic,
                             String dlqTopic, String groupId, boolean bounded, Map<Integer, Long> startOffsets,
                             int maxN, long partialEvery, long checkpointIntervalMs, String transactionalIdPrefix,
                             Map<String, String> kafkaProperties, int parallelism) implements Serializable {

    public static SweepJobConfig defaults(String bootstrapServers) {
        return new SweepJobConfig(bootstrapServers, Topics.SPECS, null, Topics.STATS, Topics.DLQ, "spectralflow-sweep",
                false, null, org.spectralflow.codec.MatrixCodec.DEFAULT_MAX_N, 0, 2_000, "spectralflow-sweep",
                Map.of(), 2);
    }

    public SweepJobConfig withBounded(Map<Integer, Long> start) {
        return new SweepJobConfig(bootstrapServers, specsTopic, resultsTopic, statsTopic, dlqTopic, groupId, true, start,
                maxN, partialEvery, checkpointIntervalMs, transactionalIdPrefix, kafkaProperties, parallelism);
    }

    /** Starts at these offsets of the specs topic ("partition" → offset) instead of the group's committed ones. */
    public SweepJobConfig withStart(Map<Integer, Long> start) {
        return new SweepJobConfig(bootstrapServers, specsTopic, resultsTopic, statsTopic, dlqTopic, groupId, bounded, start,
                maxN, partialEvery, checkpointIntervalMs, transactionalIdPrefix, kafkaProperties, parallelism);
    }

    public SweepJobConfig withParallelism(int p) {
        return new SweepJobConfig(bootstrapServers, specsTopic, resultsTopic, statsTopic, dlqTopic, groupId, bounded,
                startOffsets, maxN, partialEvery, checkpointIntervalMs, transactionalIdPrefix, kafkaProperties, p);
    }

    public SweepJobConfig withResults(String topic) {
        return new SweepJobConfig(bootstrapServers, specsTopic, topic, statsTopic, dlqTopic, groupId, bounded,
                startOffsets, maxN, partialEvery, checkpointIntervalMs, transactionalIdPrefix, kafkaProperties, parallelism);
    }

    public SweepJobConfig withPartialEvery(long every) {
        return new SweepJobConfig(bootstrapServers, specsTopic, resultsTopic, statsTopic, dlqTopic, groupId, bounded,
                startOffsets, maxN, every, checkpointIntervalMs, transactionalIdPrefix, kafkaProperties, parallelism);
    }

    public SweepJobConfig withKafka(Map<String, String> props, int maxN, long checkpointMs, String txPrefix, String group) {
        return new SweepJobConfig(bootstrapServers, specsTopic, resultsTopic, statsTopic, dlqTopic, group, bounded,
                startOffsets, maxN, partialEvery, checkpointMs, txPrefix, props, parallelism);
    }
}

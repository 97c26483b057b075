package org.spectralflow.job;

import java.io.Serializable;
import java.util.Map;
import org.spectralflow.model.SweepGrid;

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
 * @param guards what specs are checked against and how long idle cells are kept
 */
public record SweepJobConfig(String bootstrapServers, String specsTopic, String resultsTopic, String statsTopic,
                             String dlqTopic, String groupId, boolean bounded, Map<Integer, Long> startOffsets,
                             int maxN, long partialEvery, long checkpointIntervalMs, String transactionalIdPrefix,
                             Map<String, String> kafkaProperties, int parallelism, Guards guards) implements Serializable {

    /**
     * @param grids sweeps whose grid is known (the {@code sweep} command's own): their specs must be
     *     exactly the grid's, field for field
     * @param maxRecordBytes largest output record the job writes (its topics' {@code max.message.bytes});
     *     an analysis above it goes to the DLQ instead of failing the sink
     * @param cellTtlMs a cell that received nothing for this long is dropped from state (0: never)
     */
    public record Guards(Map<String, SweepGrid> grids, long maxRecordBytes, long cellTtlMs) implements Serializable {
        public static final long DEFAULT_CELL_TTL_MS = 7L * 24 * 3600 * 1000;

        public static Guards defaults() {
            return new Guards(Map.of(), org.spectralflow.kafka.TopicAdmin.MAX_MESSAGE_BYTES, DEFAULT_CELL_TTL_MS);
        }
    }

    public static SweepJobConfig defaults(String bootstrapServers) {
        return new SweepJobConfig(bootstrapServers, Topics.SPECS, null, Topics.STATS, Topics.DLQ, "spectralflow-sweep",
                false, null, org.spectralflow.codec.MatrixCodec.DEFAULT_MAX_N, 0, Defaults.CHECKPOINT_INTERVAL_MS, "spectralflow-sweep",
                Map.of(), 2, Guards.defaults());
    }

    public SweepJobConfig withBounded(Map<Integer, Long> start) {
        return new SweepJobConfig(bootstrapServers, specsTopic, resultsTopic, statsTopic, dlqTopic, groupId, true, start,
                maxN, partialEvery, checkpointIntervalMs, transactionalIdPrefix, kafkaProperties, parallelism, guards);
    }

    /** Starts at these offsets of the specs topic ("partition" → offset) instead of the group's committed ones. */
    public SweepJobConfig withStart(Map<Integer, Long> start) {
        return new SweepJobConfig(bootstrapServers, specsTopic, resultsTopic, statsTopic, dlqTopic, groupId, bounded, start,
                maxN, partialEvery, checkpointIntervalMs, transactionalIdPrefix, kafkaProperties, parallelism, guards);
    }

    public SweepJobConfig withGuards(Guards g) {
        return new SweepJobConfig(bootstrapServers, specsTopic, resultsTopic, statsTopic, dlqTopic, groupId, bounded,
                startOffsets, maxN, partialEvery, checkpointIntervalMs, transactionalIdPrefix, kafkaProperties, parallelism, g);
    }

    /** The same job, checking the specs of {@code grid}'s sweep against it. */
    public SweepJobConfig withGrid(SweepGrid grid) {
        Map<String, SweepGrid> grids = new java.util.HashMap<>(guards.grids());
        grids.put(grid.sweep(), grid);
        return withGuards(new Guards(Map.copyOf(grids), guards.maxRecordBytes(), guards.cellTtlMs()));
    }

    public SweepJobConfig withParallelism(int p) {
        return new SweepJobConfig(bootstrapServers, specsTopic, resultsTopic, statsTopic, dlqTopic, groupId, bounded,
                startOffsets, maxN, partialEvery, checkpointIntervalMs, transactionalIdPrefix, kafkaProperties, p, guards);
    }

    public SweepJobConfig withResults(String topic) {
        return new SweepJobConfig(bootstrapServers, specsTopic, topic, statsTopic, dlqTopic, groupId, bounded,
                startOffsets, maxN, partialEvery, checkpointIntervalMs, transactionalIdPrefix, kafkaProperties, parallelism, guards);
    }

    public SweepJobConfig withPartialEvery(long every) {
        return new SweepJobConfig(bootstrapServers, specsTopic, resultsTopic, statsTopic, dlqTopic, groupId, bounded,
                startOffsets, maxN, every, checkpointIntervalMs, transactionalIdPrefix, kafkaProperties, parallelism, guards);
    }

    public SweepJobConfig withKafka(Map<String, String> props, int maxN, long checkpointMs, String txPrefix, String group) {
        return new SweepJobConfig(bootstrapServers, specsTopic, resultsTopic, statsTopic, dlqTopic, group, bounded,
                startOffsets, maxN, partialEvery, checkpointMs, txPrefix, props, parallelism, guards);
    }
}

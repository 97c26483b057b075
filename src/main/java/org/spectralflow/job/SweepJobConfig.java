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
     * @param localGrids also check specs against the grids registered in the job's own process
     *     ({@link LocalGrids}: the local service's standing job), and reject those of any other sweep
     */
    public record Guards(Map<String, SweepGrid> grids, long maxRecordBytes, long cellTtlMs, boolean localGrids) implements Serializable {
        public static final long DEFAULT_CELL_TTL_MS = 7L * 24 * 3600 * 1000;

        public Guards(Map<String, SweepGrid> grids, long maxRecordBytes, long cellTtlMs) {
            this(grids, maxRecordBytes, cellTtlMs, false);
        }

        /** The grid a spec of {@code sweep} must match, or null where none is known. */
        public SweepGrid grid(String sweep) {
            SweepGrid g = grids.get(sweep);
            return g == null && localGrids ? LocalGrids.get(sweep) : g;
        }

        public static Guards defaults() {
            return new Guards(Map.of(), org.spectralflow.kafka.TopicAdmin.MAX_MESSAGE_BYTES, DEFAULT_CELL_TTL_MS);
        }
    }

    public static SweepJobConfig defaults(String bootstrapServers) {
        return new Builder().build(bootstrapServers);
    }

    /** A builder holding this config's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Bounded: stops once the specs present at start (from {@code start}, or the group's offsets) are consumed. */
    public SweepJobConfig withBounded(Map<Integer, Long> start) {
        return toBuilder().bounded(true).startOffsets(start).build(bootstrapServers);
    }

    /** Starts at these offsets of the specs topic ("partition" → offset) instead of the group's committed ones. */
    public SweepJobConfig withStart(Map<Integer, Long> start) {
        return toBuilder().startOffsets(start).build(bootstrapServers);
    }

    public SweepJobConfig withParallelism(int p) {
        return toBuilder().parallelism(p).build(bootstrapServers);
    }

    public SweepJobConfig withResults(String topic) {
        return toBuilder().resultsTopic(topic).build(bootstrapServers);
    }

    public SweepJobConfig withPartialEvery(long every) {
        return toBuilder().partialEvery(every).build(bootstrapServers);
    }

    public SweepJobConfig withGuards(Guards g) {
        return toBuilder().guards(g).build(bootstrapServers);
    }

    /** The same job, checking the specs of {@code grid}'s sweep against it. */
    public SweepJobConfig withGrid(SweepGrid grid) {
        Map<String, SweepGrid> grids = new java.util.HashMap<>(guards.grids());
        grids.put(grid.sweep(), grid);
        return withGuards(new Guards(Map.copyOf(grids), guards.maxRecordBytes(), guards.cellTtlMs(), guards.localGrids()));
    }

    public SweepJobConfig withKafka(Map<String, String> props, int maxN, long checkpointMs, String txPrefix, String group) {
        return toBuilder().kafkaProperties(props).maxN(maxN).checkpointIntervalMs(checkpointMs).transactionalIdPrefix(txPrefix)
                .groupId(group).build(bootstrapServers);
    }

    /** The config's values, each with its default until set. */
    public static final class Builder {
        private String specsTopic = Topics.SPECS, resultsTopic, statsTopic = Topics.STATS, dlqTopic = Topics.DLQ;
        private String groupId = "spectralflow-sweep", transactionalIdPrefix = "spectralflow-sweep";
        private boolean bounded;
        private Map<Integer, Long> startOffsets;
        private int maxN = org.spectralflow.codec.MatrixCodec.DEFAULT_MAX_N, parallelism = 2;
        private long partialEvery, checkpointIntervalMs = Defaults.CHECKPOINT_INTERVAL_MS;
        private Map<String, String> kafkaProperties = Map.of();
        private Guards guards = Guards.defaults();

        public Builder() {}

        private Builder(SweepJobConfig c) {
            specsTopic = c.specsTopic;
            resultsTopic = c.resultsTopic;
            statsTopic = c.statsTopic;
            dlqTopic = c.dlqTopic;
            groupId = c.groupId;
            bounded = c.bounded;
            startOffsets = c.startOffsets;
            maxN = c.maxN;
            partialEvery = c.partialEvery;
            checkpointIntervalMs = c.checkpointIntervalMs;
            transactionalIdPrefix = c.transactionalIdPrefix;
            kafkaProperties = c.kafkaProperties;
            parallelism = c.parallelism;
            guards = c.guards;
        }

        /** The topics, prefixed ({@code prefix.specs}, ...): separate jobs on one broker, as tests run them. */
        public Builder topicPrefix(String prefix) {
            specsTopic = prefix + ".specs";
            statsTopic = prefix + ".stats";
            dlqTopic = prefix + ".dlq";
            if (resultsTopic != null) resultsTopic = prefix + ".results";
            return this;
        }

        public Builder resultsTopic(String t) {
            resultsTopic = t;
            return this;
        }

        public Builder groupId(String g) {
            groupId = g;
            return this;
        }

        public Builder transactionalIdPrefix(String p) {
            transactionalIdPrefix = p;
            return this;
        }

        public Builder bounded(boolean b) {
            bounded = b;
            return this;
        }

        public Builder startOffsets(Map<Integer, Long> o) {
            startOffsets = o;
            return this;
        }

        public Builder maxN(int n) {
            maxN = n;
            return this;
        }

        public Builder partialEvery(long k) {
            partialEvery = k;
            return this;
        }

        public Builder checkpointIntervalMs(long ms) {
            checkpointIntervalMs = ms;
            return this;
        }

        public Builder kafkaProperties(Map<String, String> p) {
            kafkaProperties = p;
            return this;
        }

        public Builder parallelism(int p) {
            parallelism = p;
            return this;
        }

        public Builder guards(Guards g) {
            guards = g;
            return this;
        }

        public SweepJobConfig build(String bootstrapServers) {
            return new SweepJobConfig(bootstrapServers, specsTopic, resultsTopic, statsTopic, dlqTopic, groupId, bounded,
                    startOffsets, maxN, partialEvery, checkpointIntervalMs, transactionalIdPrefix, kafkaProperties, parallelism,
                    guards);
        }
    }
}

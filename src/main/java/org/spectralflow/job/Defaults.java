package org.spectralflow.job;

import java.util.Map;
import org.apache.flink.configuration.Configuration;

/**
 * The project's defaults in one place. Code takes them from here; flink-conf/config.yaml and
 * docker/ are held to them by a test (DefaultsTest), so the cluster and a laptop run alike.
 */
public final class Defaults {
    /** Results become visible at checkpoints: short enough to watch, long enough to cost a few percent. */
    public static final long CHECKPOINT_INTERVAL_MS = 2_000;
    /** The live dashboard's port and bind address (DESIGN §6.8): loopback, so nothing is exposed by default. */
    public static final int DASHBOARD_PORT = 8050;
    public static final String DASHBOARD_BIND = "127.0.0.1";

    /** Restarts after a failure: exponential back-off, and a job that keeps failing fails for good, with its cause. */
    public static final long RESTART_INITIAL_BACKOFF_MS = 1_000, RESTART_MAX_BACKOFF_MS = 10_000;
    public static final int RESTART_ATTEMPTS = 10;

    /** Partitions of each topic when spectralflow creates it. */
    public static final Map<String, Integer> PARTITIONS = Map.of(Topics.SPECS, 4, Topics.RESULTS, 2, Topics.STATS, 2,
            Topics.DLQ, 1, Topics.WEIGHTS, 2, Topics.HEALTH, 2, Topics.ALERTS, 1);

    private Defaults() {}

    /** Partitions of a topic named like one of ours (a test prefix or another name gets the default topic's count). */
    public static int partitions(String defaultTopic) {
        return PARTITIONS.get(defaultTopic);
    }

    /**
     * The Flink configuration of every local environment (MiniCluster): what flink-conf/config.yaml
     * says for a cluster, no silent Kryo.
     */
    public static Configuration localFlinkConfiguration() {
        Configuration c = new Configuration();
        c.setString("pipeline.generic-types", "false");
        // the job's live counters reach the client with the TaskManagers' heartbeats: every second
        // in process (Flink's default of 10 s would freeze the progress bar between them)
        c.setString("heartbeat.interval", "1000");
        // a spec block expands into many parts queued between operators: an aligned barrier would
        // wait behind all of them, an unaligned one overtakes them (they are stored with the checkpoint)
        c.setString("execution.checkpointing.unaligned.enabled", "true");
        c.setString("restart-strategy.type", "exponential-delay");
        c.setString("restart-strategy.exponential-delay.initial-backoff", RESTART_INITIAL_BACKOFF_MS + " ms");
        c.setString("restart-strategy.exponential-delay.max-backoff", RESTART_MAX_BACKOFF_MS + " ms");
        c.setString("restart-strategy.exponential-delay.attempts-before-reset-backoff", String.valueOf(RESTART_ATTEMPTS));
        return c;
    }
}

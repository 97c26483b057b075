package org.spectralflow.deploy;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.junit.jupiter.api.Test;
import org.spectralflow.job.Defaults;
import org.spectralflow.job.MonitorJobConfig;
import org.spectralflow.job.SweepJobConfig;
import org.spectralflow.kafka.TopicAdmin;

/** One configuration: the code's defaults, flink-conf/config.yaml and docker/ say the same thing. */
class DefaultsTest {
    static Duration duration(Configuration c, String key) {
        return org.apache.flink.util.TimeUtils.parseDuration(c.getString(key, null));
    }

    @Test
    void flinkConfMatchesWhatLocalRunsUse() {
        Configuration yaml = GlobalConfiguration.loadConfiguration("flink-conf"), local = Defaults.localFlinkConfiguration();
        assertEquals(Defaults.CHECKPOINT_INTERVAL_MS, duration(yaml, "execution.checkpointing.interval").toMillis());
        assertEquals(Defaults.CHECKPOINT_INTERVAL_MS, SweepJobConfig.defaults("x").checkpointIntervalMs());
        assertEquals(Defaults.CHECKPOINT_INTERVAL_MS, MonitorJobConfig.defaults("x").checkpointIntervalMs());
        for (String key : new String[] {"restart-strategy.exponential-delay.initial-backoff", "restart-strategy.exponential-delay.max-backoff"})
            assertEquals(duration(local, key), duration(yaml, key), key);
        for (String key : new String[] {"restart-strategy.type", "restart-strategy.exponential-delay.attempts-before-reset-backoff",
                "pipeline.generic-types", "execution.checkpointing.unaligned.enabled"})
            assertEquals(local.getString(key, null), yaml.getString(key, null), key);
        assertNotNull(yaml.getString("execution.checkpointing.dir", null), "a cluster checkpoints to a directory, never the JobManager heap");
    }

    @Test
    void dockerCreatesTheTopicsAsTheCodeWould() throws Exception {
        String compose = Files.readString(Path.of("docker/docker-compose.yml"));
        Matcher m = Pattern.compile("(sf\\.[a-z]+):(\\d+)").matcher(compose);
        int seen = 0;
        while (m.find()) {
            assertEquals(Defaults.PARTITIONS.get(m.group(1)), Integer.valueOf(m.group(2)), m.group(1));
            seen++;
        }
        assertEquals(Defaults.PARTITIONS.size(), seen, "every topic, once");
        for (String setting : new String[] {"max.message.bytes=", "KAFKA_MESSAGE_MAX_BYTES: \"", "KAFKA_REPLICA_FETCH_MAX_BYTES: \""})
            assertTrue(compose.contains(setting + TopicAdmin.MAX_MESSAGE_BYTES), setting);
    }
}

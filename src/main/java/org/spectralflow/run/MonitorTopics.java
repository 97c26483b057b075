package org.spectralflow.run;

import java.util.LinkedHashMap;
import java.util.Map;
import org.spectralflow.job.Defaults;
import org.spectralflow.job.MonitorJobConfig;
import org.spectralflow.job.Topics;
import org.spectralflow.kafka.EmbeddedKafka;
import org.spectralflow.kafka.TopicAdmin;

/** Creates the monitor's topics when missing, all allowing records of up to 64 MiB (N = 1024 in f64 is ~11 MB). */
public final class MonitorTopics {
    private MonitorTopics() {}

    public static void ensure(MonitorJobConfig cfg, int weightPartitions) throws Exception {
        Map<String, Integer> t = new LinkedHashMap<>();
        t.put(cfg.weightsTopic(), weightPartitions);
        t.put(cfg.healthTopic(), Defaults.partitions(Topics.HEALTH));
        t.put(cfg.alertsTopic(), Defaults.partitions(Topics.ALERTS));
        t.put(cfg.dlqTopic(), Defaults.partitions(Topics.DLQ));
        TopicAdmin.ensure(cfg.bootstrapServers(), cfg.kafkaProperties(), t, TopicAdmin.MAX_MESSAGE_BYTES);
    }
}

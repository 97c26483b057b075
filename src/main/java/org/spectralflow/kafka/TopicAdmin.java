package org.spectralflow.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the project's topics when missing and reads partition end offsets. */
public final class TopicAdmin {
    /**
     * Largest record the project's topics are created for, and what its producers and consumers
     * are configured to carry: room for N = 1024 in f64 as base64 (~11 MB) and then some.
     */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

    private TopicAdmin() {}

    /**
     * The smallest {@code max.message.bytes} of these topics as the brokers apply it (a topic made
     * elsewhere may allow far less than {@link #MAX_MESSAGE_BYTES}), capped at that maximum.
     */
    public static int maxMessageBytes(String bootstrap, Map<String, String> extra, List<String> topics) throws Exception {
        try (Admin admin = Admin.create(clientProperties(bootstrap, extra))) {
            return maxMessageBytes(admin, topics);
        }
    }

    /** As above, through an admin client the caller holds. */
    public static int maxMessageBytes(Admin admin, List<String> topics) throws Exception {
        int least = MAX_MESSAGE_BYTES;
        List<ConfigResource> res = new ArrayList<>();
        for (String t : topics) res.add(new ConfigResource(ConfigResource.Type.TOPIC, t));
        for (Config c : admin.describeConfigs(res).all().get().values()) {
            ConfigEntry e = c.get("max.message.bytes");
            if (e != null && e.value() != null) least = Math.min(least, Integer.parseInt(e.value()));
        }
        return least;
    }

    public static Properties clientProperties(String bootstrap, Map<String, String> extra) {
        Properties p = new Properties();
        p.putAll(extra);
        p.put("bootstrap.servers", bootstrap);
        return p;
    }

    /** Waits until the cluster answers a metadata request. */
    public static void awaitReady(String bootstrap, Map<String, String> extra, long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        Properties p = clientProperties(bootstrap, extra);
        p.put("request.timeout.ms", "5000");
        p.put("default.api.timeout.ms", "5000");
        try (Admin admin = Admin.create(p)) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get();
                    return;
                } catch (ExecutionException e) {
                    if (System.currentTimeMillis() > deadline)
                        throw new IllegalStateException("Kafka at " + bootstrap + " did not answer within " + timeoutMs + " ms");
                    Thread.sleep(200);
                }
            }
        }
    }

    /** Creates each topic (name → partitions) that does not exist, allowing records up to maxMessageBytes. */
    public static void ensure(String bootstrap, Map<String, String> extra, Map<String, Integer> topics, int maxMessageBytes)
            throws Exception {
        try (Admin admin = Admin.create(clientProperties(bootstrap, extra))) {
            ensure(admin, topics, maxMessageBytes);
        }
    }

    /** As above, through an admin client the caller holds. */
    public static void ensure(Admin admin, Map<String, Integer> topics, int maxMessageBytes) throws Exception {
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> create = new ArrayList<>();
        topics.forEach((name, partitions) -> {
            if (!existing.contains(name))
                create.add(new NewTopic(name, partitions, (short) -1)
                        .configs(Map.of("max.message.bytes", String.valueOf(maxMessageBytes))));
        });
        if (create.isEmpty()) return;
        try {
            admin.createTopics(create).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) throw e;
        }
    }

    /** partition → end offset of a topic (the offset the next record will get). */
    public static Map<Integer, Long> endOffsets(String bootstrap, Map<String, String> extra, String topic) throws Exception {
        try (Admin admin = Admin.create(clientProperties(bootstrap, extra))) {
            return endOffsets(admin, topic);
        }
    }

    /** As above, through an admin client the caller holds. */
    public static Map<Integer, Long> endOffsets(Admin admin, String topic) throws Exception {
        TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic);
        Map<TopicPartition, OffsetSpec> req = new HashMap<>();
        d.partitions().forEach(p -> req.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        Map<Integer, Long> out = new HashMap<>();
        admin.listOffsets(req).all().get().forEach((tp, info) -> out.put(tp.partition(), info.offset()));
        return out;
    }
}

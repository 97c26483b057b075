package org.spectralflow.deploy;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.spectralflow.job.Defaults;
import org.spectralflow.kafka.TopicAdmin;

/**
 * deploy/kubernetes against the Flink Kubernetes Operator's own CRD schema (from
 * flink-kubernetes-operator-api 1.10.0, its flinkVersion enum extended by the Flink 2 versions later
 * operator releases add, nothing else), and against flink-conf/config.yaml and the code's defaults.
 */
class KubernetesManifestsTest {
    static final Path DIR = Path.of("deploy/kubernetes");

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(Path file) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : new Load(LoadSettings.builder().build()).loadAllFromString(Files.readString(file)))
            if (o != null) out.add((Map<String, Object>) o);
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> flinkDeploymentSchema() throws Exception {
        try (InputStream in = KubernetesManifestsTest.class.getResourceAsStream("/META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml")) {
            assertNotNull(in, "the operator's CRD is on the test classpath");
            Map<String, Object> crd = (Map<String, Object>) new Load(LoadSettings.builder().build())
                    .loadFromString(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            for (Object v : (List<Object>) ((Map<String, Object>) crd.get("spec")).get("versions")) {
                Map<String, Object> version = (Map<String, Object>) v;
                if (!version.get("name").equals("v1beta1")) continue;
                Map<String, Object> schema = (Map<String, Object>) ((Map<String, Object>) version.get("schema")).get("openAPIV3Schema");
                Map<String, Object> spec = (Map<String, Object>) ((Map<String, Object>) schema.get("properties")).get("spec");
                Map<String, Object> fv = (Map<String, Object>) ((Map<String, Object>) spec.get("properties")).get("flinkVersion");
                List<Object> versions = new ArrayList<>((List<Object>) fv.get("enum"));
                for (String later : new String[] {"v2_0", "v2_1", "v2_2", "v2_3", "v2_4"}) if (!versions.contains(later)) versions.add(later);
                fv.put("enum", versions);
                return schema;
            }
        }
        throw new AssertionError("no v1beta1 in the CRD");
    }

    /** The structural subset of OpenAPI v3 a CRD uses: type, enum, properties (unknown fields refused), required, items, maps. */
    @SuppressWarnings("unchecked")
    static void validate(Object node, Map<String, Object> schema, String path, List<String> errors) {
        if (Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields")) && !schema.containsKey("properties")) return;
        String type = (String) schema.get("type");
        boolean intOrString = Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"));
        if (intOrString) {
            if (!(node instanceof String || node instanceof Integer || node instanceof Long)) errors.add(path + ": int or string expected");
            return;
        }
        if (type != null) {
            boolean ok = switch (type) {
                case "object" -> node instanceof Map;
                case "array" -> node instanceof List;
                case "string" -> node instanceof String;
                case "integer" -> node instanceof Integer || node instanceof Long;
                case "number" -> node instanceof Number;
                case "boolean" -> node instanceof Boolean;
                default -> true;
            };
            if (!ok) {
                errors.add(path + ": " + type + " expected, got " + (node == null ? "null" : node.getClass().getSimpleName()) + " " + node);
                return;
            }
        }
        if (schema.containsKey("enum") && !((List<Object>) schema.get("enum")).contains(node))
            errors.add(path + ": " + node + " is not one of " + schema.get("enum"));
        if (node instanceof Map<?, ?> map) {
            Map<String, Object> props = (Map<String, Object>) schema.get("properties");
            Object extra = schema.get("additionalProperties");
            for (String r : (List<String>) schema.getOrDefault("required", List.of()))
                if (!map.containsKey(r)) errors.add(path + ": missing required '" + r + "'");
            for (Map.Entry<?, ?> e : map.entrySet()) {
                String key = String.valueOf(e.getKey()), sub = path + "." + key;
                if (props != null && props.containsKey(key)) validate(e.getValue(), (Map<String, Object>) props.get(key), sub, errors);
                else if (extra instanceof Map) validate(e.getValue(), (Map<String, Object>) extra, sub, errors);
                else if (!Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields")) && props != null)
                    errors.add(sub + ": not a field of the schema");
            }
        }
        if (node instanceof List<?> list && schema.get("items") instanceof Map)
            for (int i = 0; i < list.size(); i++) validate(list.get(i), (Map<String, Object>) schema.get("items"), path + "[" + i + "]", errors);
    }

    static Map<String, String> flatten(Object node, String prefix, Map<String, String> out) {
        if (node instanceof Map<?, ?> m) m.forEach((k, v) -> flatten(v, prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, out));
        else out.put(prefix, String.valueOf(node).trim());
        return out;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> flinkDeployments() throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        for (String f : new String[] {"sweep-job.yaml", "monitor-job.yaml"})
            for (Map<String, Object> d : documents(DIR.resolve(f))) if ("FlinkDeployment".equals(d.get("kind"))) out.add(d);
        return out;
    }

    @Test
    void flinkDeploymentsFollowTheOperatorsSchema() throws Exception {
        Map<String, Object> schema = flinkDeploymentSchema();
        List<Map<String, Object>> deployments = flinkDeployments();
        assertEquals(2, deployments.size(), "one per job");
        Map<String, Object> specSchema = castMap(castMap(schema.get("properties")).get("spec"));
        for (Map<String, Object> d : deployments) {
            // apiVersion, kind and metadata are the API server's, not the CRD schema's
            assertEquals("flink.apache.org/v1beta1", d.get("apiVersion"));
            assertNotNull(castMap(d.get("metadata")).get("name"));
            List<String> errors = new ArrayList<>();
            validate(d.get("spec"), specSchema, "spec", errors);
            assertEquals(List.of(), errors, String.valueOf(d.get("metadata")));
        }
        // and the validator refuses what the API server would
        Map<String, Object> bad = new LinkedHashMap<>(deployments.get(0));
        Map<String, Object> spec = new LinkedHashMap<>(castMap(bad.get("spec")));
        spec.put("flinkVersion", "v3_0");
        spec.put("parallelism", 2);
        Map<String, Object> job = new LinkedHashMap<>(castMap(spec.get("job")));
        job.put("upgradeMode", "snapshot");
        job.put("parallelism", "2");
        spec.put("job", job);
        bad.put("spec", spec);
        List<String> errors = new ArrayList<>();
        validate(bad.get("spec"), specSchema, "spec", errors);
        assertEquals(4, errors.size(), "an unknown field, two enum values, a string for an integer: " + errors);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    @Test
    void theJobsRunWhatTheJarHasWithTheClustersConfiguration() throws Exception {
        Map<String, String> conf = flatten(new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(Path.of("flink-conf/config.yaml"))), "", new LinkedHashMap<>());
        for (Map<String, Object> d : flinkDeployments()) {
            Map<String, Object> spec = castMap(d.get("spec")), job = castMap(spec.get("job"));
            Map<String, Object> flink = castMap(spec.get("flinkConfiguration"));
            for (Map.Entry<String, Object> e : flink.entrySet()) {
                if (e.getKey().endsWith(".dir") || e.getKey().endsWith("-dir") || e.getKey().startsWith("high-availability")) continue;
                assertEquals(conf.get(e.getKey()), String.valueOf(e.getValue()), e.getKey() + " as in flink-conf/config.yaml");
            }
            assertEquals("savepoint", job.get("upgradeMode"));
            assertEquals("org.spectralflow.cli.JobMain", job.get("entryClass"));
            assertNotNull(Class.forName((String) job.get("entryClass")));
            assertEquals("local:///opt/spectralflow/spectralflow-job.jar", job.get("jarURI"));
            assertTrue(Files.readString(Path.of("docker/Dockerfile")).contains("/opt/spectralflow/spectralflow-job.jar"), "the image has the jar");
            List<Object> args = (List<Object>) job.get("args");
            assertTrue(List.of("sweep-job", "monitor-job").contains(args.get(0)), "a JobMain command: " + args.get(0));
            assertEquals("kafka-0.kafka:9092", args.get(args.indexOf("--bootstrap-servers") + 1), "the Kafka of kafka.yaml");
            int slots = Integer.parseInt(String.valueOf(flink.get("taskmanager.numberOfTaskSlots")));
            assertTrue(((Number) job.get("parallelism")).intValue() % slots == 0, "whole TaskManagers");
            assertTrue(flink.containsKey("execution.checkpointing.savepoint-dir"), "savepoint upgrades need a savepoint directory");
        }
        // each job its own transactional ids
        assertNotEquals(args(0), args(1));
    }

    @SuppressWarnings("unchecked")
    static String args(int i) throws Exception {
        List<Object> a = (List<Object>) castMap(castMap(flinkDeployments().get(i).get("spec")).get("job")).get("args");
        return String.valueOf(a.get(a.indexOf("--transactional-id-prefix") + 1));
    }

    @Test
    void kafkaAndTopicsMatchWhatTheJobsNeed() throws Exception {
        String topics = Files.readString(DIR.resolve("topics.yaml"));
        for (Map.Entry<String, Integer> e : Defaults.PARTITIONS.entrySet())
            assertTrue(topics.contains(e.getKey() + ":" + e.getValue()), e.getKey() + " with " + e.getValue() + " partitions");
        assertTrue(topics.contains("max.message.bytes=" + TopicAdmin.MAX_MESSAGE_BYTES));
        String kafka = Files.readString(DIR.resolve("kafka.yaml"));
        assertTrue(kafka.contains("KAFKA_MESSAGE_MAX_BYTES, value: \"" + TopicAdmin.MAX_MESSAGE_BYTES + "\""));
        assertTrue(kafka.contains("PLAINTEXT://kafka-0.kafka:9092"), "advertised where the jobs look");
        assertTrue(kafka.contains("broker,controller"), "KRaft");
        for (Map<String, Object> d : documents(DIR.resolve("kafka.yaml"))) assertNotNull(d.get("kind"));
    }
}

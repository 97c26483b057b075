package org.spectralflow.deploy;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.spectralflow.job.Topics;

/**
 * No Docker engine runs here, so the compose file is checked instead of run: every service,
 * port, volume and reference in it agrees with flink-conf/, the Dockerfile, the jars and the code.
 */
class DockerComposeTest {
    static Map<String, Object> compose;
    static Map<String, Object> services;
    static Configuration flink;
    static String dockerfile;

    @SuppressWarnings("unchecked")
    @BeforeAll
    static void load() throws Exception {
        compose = (Map<String, Object>) new Load(LoadSettings.builder().build())
                .loadFromString(Files.readString(Path.of("docker/docker-compose.yml")));
        services = (Map<String, Object>) compose.get("services");
        flink = GlobalConfiguration.loadConfiguration("flink-conf");
        dockerfile = Files.readString(Path.of("docker/Dockerfile"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> service(String name) {
        assertTrue(services.containsKey(name), "service " + name);
        return (Map<String, Object>) services.get(name);
    }

    static String text(Object o) {
        return o instanceof List<?> l ? String.join(" ", l.stream().map(String::valueOf).toList()) : String.valueOf(o);
    }

    @Test
    void kafkaRunsInKraftModeAndEveryClientFindsIt() {
        Map<String, Object> kafka = service("kafka");
        assertTrue(String.valueOf(kafka.get("image")).startsWith("apache/kafka:"));
        @SuppressWarnings("unchecked") Map<String, Object> env = (Map<String, Object>) kafka.get("environment");
        assertTrue(String.valueOf(env.get("KAFKA_PROCESS_ROLES")).contains("controller"), "KRaft: the broker is its own controller");
        assertTrue(String.valueOf(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).contains("@kafka:"));
        String advertised = String.valueOf(env.get("KAFKA_ADVERTISED_LISTENERS"));
        assertTrue(advertised.contains("PLAINTEXT://kafka:9092"));
        assertTrue(Long.parseLong(String.valueOf(env.get("KAFKA_MESSAGE_MAX_BYTES"))) >= 11_184_922, "N = 1024 f64 records fit");
        assertTrue(Long.parseLong(String.valueOf(env.get("KAFKA_TRANSACTION_MAX_TIMEOUT_MS"))) >= 600_000,
                "the sink's 10-minute transactions fit");
        for (String s : new String[] {"topics", "submit"})
            assertTrue(text(service(s).get("command")).contains("kafka:9092"), s + " uses the advertised listener");
    }

    @Test
    void theTopicCreatorMakesEveryTopicTheJobsUse() {
        String cmd = text(service("topics").get("command"));
        for (String t : new String[] {Topics.SPECS, Topics.RESULTS, Topics.STATS, Topics.DLQ, Topics.WEIGHTS, Topics.HEALTH, Topics.ALERTS})
            assertTrue(cmd.contains(t + ":"), "topic " + t);
        assertTrue(cmd.contains("max.message.bytes=67108864"));
    }

    @Test
    void flinkServicesAgreeWithFlinkConf() {
        assertEquals("jobmanager", flink.get(JobManagerOptions.ADDRESS), "config.yaml names the jobmanager service");
        int rest = flink.get(RestOptions.PORT);
        assertTrue(text(service("jobmanager").get("ports")).contains(rest + ":" + rest), "REST port published");
        assertTrue(text(service("submit").get("command")).contains("jobmanager:" + rest));
        Map<String, Object> tm = service("taskmanager");
        assertFalse(tm.containsKey("container_name"), "scalable: no fixed container name");
        assertFalse(tm.containsKey("ports"), "scalable: no fixed host port");
        assertEquals("jobmanager", String.valueOf(service("jobmanager").get("command")));
        assertEquals("taskmanager", String.valueOf(tm.get("command")));
        // checkpoints must be shared by the JobManager and every TaskManager
        String dir = flink.get(CheckpointingOptions.CHECKPOINTS_DIRECTORY).replaceFirst("^file://", "");
        for (String s : new String[] {"jobmanager", "taskmanager"})
            assertTrue(text(service(s).get("volumes")).contains(":" + dir), s + " mounts the checkpoint directory " + dir);
        assertNotNull(flink.getString("env.java.opts.all", null), "Java 17 module opens are configured");
        assertTrue(dockerfile.contains("mkdir -p " + dir) && dockerfile.contains("chown -R flink:flink") ,
                "the image creates the checkpoint directory for the flink user, so the volume inherits its owner");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyVolumeAndFileReferenceExists() {
        Map<String, Object> declared = (Map<String, Object>) compose.get("volumes");
        for (Map.Entry<String, Object> e : services.entrySet()) {
            Object vols = ((Map<String, Object>) e.getValue()).get("volumes");
            if (vols == null) continue;
            for (Object v : (List<Object>) vols) {
                String source = String.valueOf(v).split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) assertTrue(Files.exists(Path.of("docker").resolve(source).getParent()), source);
                else assertTrue(declared.containsKey(source), "volume " + source + " of " + e.getKey() + " is declared");
            }
        }
        Map<String, Object> build = (Map<String, Object>) service("jobmanager").get("build");
        Path context = Path.of("docker").resolve(String.valueOf(build.get("context"))).normalize();
        assertTrue(Files.exists(context.resolve(String.valueOf(build.get("dockerfile")))));
        for (Map.Entry<String, Object> e : services.entrySet()) {
            Object image = ((Map<String, Object>) e.getValue()).get("image");
            if (String.valueOf(image).startsWith("spectralflow")) assertEquals("spectralflow:latest", image, e.getKey());
        }
        // the Dockerfile copies files that exist, or that `mvn package` builds (the pom names them)
        Matcher m = Pattern.compile("(?m)^COPY\\s+(\\S+)\\s+(\\S+)").matcher(dockerfile);
        List<String> targets = new ArrayList<>();
        while (m.find()) {
            String src = m.group(1);
            targets.add(m.group(2));
            if (src.startsWith("target/")) assertTrue(pomBuilds(src), src + " is built by the pom");
            else assertTrue(Files.exists(context.resolve(src)), src);
        }
        String submit = text(service("submit").get("command")), cli = text(service("cli").get("entrypoint"));
        assertTrue(targets.stream().anyMatch(submit::contains), "the submitter runs the jar the image holds");
        assertTrue(targets.stream().anyMatch(cli::contains), "the cli runs the jar the image holds");
        assertTrue(dockerfile.contains("FROM flink:2.2"), "stock Flink 2.2 image");
        assertTrue(dockerfile.contains("liblapack3"), "the native LAPACK the core uses");
    }

    static boolean pomBuilds(String src) {
        try {
            String pom = Files.readString(Path.of("pom.xml"));
            String name = Path.of(src).getFileName().toString();
            return pom.contains("<finalName>spectralflow</finalName>") && name.equals("spectralflow.jar")
                    || pom.contains("${project.build.directory}/" + name);
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void theSubmittedEntryPointAndCommandsExist() throws Exception {
        String submit = text(service("submit").get("command"));
        Matcher m = Pattern.compile("-c (\\S+)").matcher(submit);
        assertTrue(m.find());
        Class<?> entry = Class.forName(m.group(1));
        assertNotNull(entry.getMethod("main", String[].class));
        var cl = new picocli.CommandLine(entry.getDeclaredConstructor().newInstance());
        for (String job : new String[] {"sweep-job", "monitor-job"}) {
            assertTrue(submit.contains(job));
            assertTrue(cl.getSubcommands().containsKey(job), job + " is a command of " + entry.getName());
        }
        for (String option : new String[] {"--bootstrap-servers", "--transactional-id-prefix", "--group-id"})
            assertNotNull(cl.getSubcommands().get("sweep-job").getCommandSpec().findOption(option), option);
    }
}

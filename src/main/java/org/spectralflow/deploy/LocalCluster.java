package org.spectralflow.deploy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Flink cluster on loopback, each part its own JVM process: a Kafka broker, a JobManager
 * ({@code StandaloneSessionClusterEntrypoint}) and TaskManagers ({@code TaskManagerRunner}),
 * started from Maven jars with {@code flink-conf/}, and stopped by process id on {@link #close}.
 */
public final class LocalCluster implements AutoCloseable {
    /** A started process with its log file. */
    public record Proc(String name, Process process, Path log) {
        public long pid() {
            return process.pid();
        }
    }

    private final Path work, conf;
    private final String clusterClasspath, spectralflowJar;
    private final List<Proc> procs = new ArrayList<>();
    private final List<Proc> taskManagers = new ArrayList<>();
    private final int restPort, rpcPort;
    private final List<String> overrides = new ArrayList<>();
    private String bootstrap;
    private int tmCount;

    /**
     * @param flinkConf the project's flink-conf/ (config.yaml, log4j.properties)
     * @param clusterClasspath Flink's runtime jars (cluster/pom.xml), without the Kafka connector or client
     * @param spectralflowJar the full jar, whose {@code broker} command runs the Kafka broker
     * @param slotsPerTaskManager task slots of each TaskManager
     */
    public LocalCluster(Path work, Path flinkConf, String clusterClasspath, String spectralflowJar, int slotsPerTaskManager)
            throws IOException {
        this.work = Files.createDirectories(work);
        this.conf = Files.createDirectories(work.resolve("conf"));
        Files.copy(flinkConf.resolve("config.yaml"), conf.resolve("config.yaml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(flinkConf.resolve("log4j.properties"), conf.resolve("log4j.properties"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        this.clusterClasspath = clusterClasspath;
        this.spectralflowJar = spectralflowJar;
        this.restPort = freePort();
        this.rpcPort = freePort();
        // flink-conf/ is written for docker (host "jobmanager"); on loopback everything is localhost
        for (String kv : new String[] {"jobmanager.rpc.address=localhost", "jobmanager.rpc.port=" + rpcPort,
                "jobmanager.bind-host=localhost", "taskmanager.bind-host=localhost", "taskmanager.host=localhost",
                "rest.address=localhost", "rest.bind-address=localhost", "rest.port=" + restPort,
                "taskmanager.numberOfTaskSlots=" + slotsPerTaskManager, "taskmanager.memory.process.size=1200m",
                "jobmanager.memory.process.size=1000m",
                "execution.checkpointing.dir=" + work.resolve("checkpoints").toUri(),
                "io.tmp.dirs=" + Files.createDirectories(work.resolve("tmp")),
                // notice a killed TaskManager in seconds, not the default 50
                "heartbeat.interval=1000", "heartbeat.timeout=6000", "blob.server.port=0"}) {
            overrides.add("-D");
            overrides.add(kv);
        }
    }

    /** The JVM options of flink-conf's env.java.opts.all, read the way Flink reads them. */
    private List<String> jvmOptions() {
        org.apache.flink.configuration.Configuration c =
                org.apache.flink.configuration.GlobalConfiguration.loadConfiguration(conf.toString());
        String opts = c.get(org.apache.flink.configuration.CoreOptions.FLINK_JVM_OPTIONS);
        return opts == null || opts.isBlank() ? List.of() : List.of(opts.trim().split("\\s+"));
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    /** The JobManager's REST address (also its web UI). */
    public String restUrl() {
        return "http://localhost:" + restPort;
    }

    public FlinkRest rest() {
        return new FlinkRest(restUrl());
    }

    private Proc start(String name, List<String> cmd) throws IOException {
        Path log = work.resolve(name + ".out");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        Proc p = new Proc(name, pb.start(), log);
        procs.add(p);
        return p;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Starts the Kafka broker process and waits until it answers. */
    public String startKafka() throws Exception {
        int port = freePort();
        Proc p = start("kafka", List.of(java(), "-Xmx1g", "-cp", spectralflowJar, "org.spectralflow.cli.Main", "broker", "--port",
                String.valueOf(port)));
        long deadline = System.currentTimeMillis() + 90_000;
        while (!Files.readString(p.log()).contains("broker 127.0.0.1:" + port)) {
            if (!p.process().isAlive()) throw new IllegalStateException("the Kafka broker exited; see " + p.log());
            if (System.currentTimeMillis() > deadline) throw new IllegalStateException("the Kafka broker did not start; see " + p.log());
            Thread.sleep(200);
        }
        bootstrap = "127.0.0.1:" + port;
        return bootstrap;
    }

    /** Starts the JobManager and waits for its REST endpoint. */
    public void startJobManager() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(java(), "-Xmx700m"));
        cmd.addAll(jvmOptions());
        cmd.addAll(List.of("-Dlog.file=" + work.resolve("jobmanager.log"),
                "-Dlog4j.configurationFile=" + conf.resolve("log4j.properties").toUri(), "-cp", clusterClasspath,
                "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", "--configDir", conf.toString()));
        cmd.addAll(overrides);
        Proc p = start("jobmanager", cmd);
        long deadline = System.currentTimeMillis() + 90_000;
        while (!rest().up()) {
            if (!p.process().isAlive()) throw new IllegalStateException("the JobManager exited; see " + p.log());
            if (System.currentTimeMillis() > deadline) throw new IllegalStateException("the JobManager did not start; see " + p.log());
            Thread.sleep(300);
        }
    }

    /** Starts one more TaskManager, with the memory settings Flink's own scripts would compute. */
    public Proc startTaskManager() throws Exception {
        List<String> utils = new ArrayList<>(List.of(java(), "-cp", clusterClasspath, "org.apache.flink.runtime.util.bash.BashJavaUtils",
                "GET_TM_RESOURCE_PARAMS", "--configDir", conf.toString()));
        utils.addAll(overrides);
        Process u = new ProcessBuilder(utils).redirectErrorStream(true).start();
        List<String> lines = new String(u.getInputStream().readAllBytes()).lines()
                .filter(l -> l.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:")).map(l -> l.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()))
                .toList();
        u.waitFor();
        if (lines.size() < 2) throw new IllegalStateException("BashJavaUtils gave no TaskManager resources");
        int i = ++tmCount;
        List<String> cmd = new ArrayList<>(List.of(java()));
        cmd.addAll(jvmOptions());
        cmd.addAll(List.of(lines.get(0).trim().split("\\s+")));
        cmd.addAll(List.of("-Dlog.file=" + work.resolve("taskmanager-" + i + ".log"),
                "-Dlog4j.configurationFile=" + conf.resolve("log4j.properties").toUri(), "-cp", clusterClasspath,
                "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", "--configDir", conf.toString()));
        cmd.addAll(overrides);
        cmd.addAll(List.of(lines.get(1).trim().split("\\s+")));
        Proc p = start("taskmanager-" + i, cmd);
        taskManagers.add(p);
        return p;
    }

    /** Waits until this many TaskManagers are registered. */
    public void awaitTaskManagers(int n, long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        while (rest().taskManagers() < n) {
            if (System.currentTimeMillis() > deadline) throw new IllegalStateException(n + " TaskManagers did not register");
            Thread.sleep(300);
        }
    }

    /** The TaskManagers started so far, alive or not. */
    public List<Proc> taskManagers() {
        return taskManagers;
    }

    /** kill -9 of a TaskManager. */
    public void kill(Proc p) throws InterruptedException {
        p.process().destroyForcibly();
        p.process().waitFor();
    }

    /** Stops every process this cluster started, by process id, last started first. */
    @Override
    public void close() {
        for (int i = procs.size() - 1; i >= 0; i--) {
            Process p = procs.get(i).process();
            p.destroy();
            try {
                if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Reads the classpath file written by {@code mvn -f cluster/pom.xml dependency:build-classpath}. */
    public static String classpath(Path file) throws IOException {
        return Files.readString(file).trim();
    }

}

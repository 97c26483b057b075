package org.spectralflow.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spectralflow.codec.ServiceWire;
import org.spectralflow.service.ServiceHome;

/**
 * The warm local service as a user drives it: {@code up} starts a real background process (broker
 * and MiniCluster), {@code status} finds it, {@code sweep} runs on it and writes its files where
 * the user asked, with statistics identical to the same sweep run in this process
 * ({@code --no-service}); misuse comes back as one line and exit 2; {@code down} stops the process
 * and removes the state file.
 */
class ServiceIT {
    @TempDir
    Path dir;

    @AfterEach
    void down() {
        CommandLineTest.run("down");
        System.clearProperty("spectralflow.home");
    }

    @Test
    void upSweepStatusDown() throws Exception {
        System.setProperty("spectralflow.home", dir.resolve("home").toString());
        int port = freePort();
        assertEquals(1, CommandLineTest.run("status").code(), "nothing runs yet");

        CommandLineTest.Run up = CommandLineTest.run("up", "--slots", "2", "--port", String.valueOf(port), "--heap", "1g");
        assertEquals(0, up.code(), up.out() + up.err());
        ServiceWire.State state = ServiceWire.readState(ServiceHome.stateFile());
        assertNotNull(state);
        assertTrue(ProcessHandle.of(state.pid()).orElseThrow().isAlive());
        assertNotEquals(ProcessHandle.current().pid(), state.pid(), "a process of its own");
        assertEquals("127.0.0.1:" + port, state.bootstrap());
        assertTrue(Files.readString(ServiceHome.log()).contains("warmed up with the default sweep in"), "a sweep of its own before serving");
        CommandLineTest.Run status = CommandLineTest.run("status");
        assertEquals(0, status.code());
        assertTrue(status.out().contains("0 sweeps served, idle"), status.out() + " (the warm-up is not one of them)");
        assertTrue(status.out().contains("deployed (spectralflow-service-" + state.pid() + "-1, 1 sweep on it)"), status.out());
        assertEquals(0, CommandLineTest.run("up").code(), "up again: already up");
        assertEquals(state.pid(), ServiceWire.readState(ServiceHome.stateFile()).pid());

        String[] grid = {"--n", "8,12", "--scale", "0.9,1.1", "--trials", "6", "--steps", "40", "--no-report", "--quiet"};
        CommandLineTest.Run warm = CommandLineTest.run(concat(new String[] {"sweep", "--sweep", "svc", "--out", dir.resolve("warm").toString()}, grid));
        assertEquals(0, warm.code(), warm.out() + warm.err());
        assertTrue(warm.err().contains("on the local service (pid " + state.pid()), warm.err());
        assertTrue(warm.out().contains("48 matrices in"), warm.out());
        assertTrue(warm.out().contains("JVM 0.0"), "no JVM start-up of its own: " + warm.out());
        // relative --out is the client's, not the service's working directory
        Path relative = Path.of("target", "service-it-" + System.nanoTime());
        CommandLineTest.Run again = CommandLineTest.run(concat(new String[] {"sweep", "--sweep", "svc2", "--out", relative.toString()}, grid));
        assertEquals(0, again.code(), again.err());
        assertTrue(Files.isRegularFile(relative.toAbsolutePath().resolve("svc2").resolve("stats.csv")));

        CommandLineTest.Run cold = CommandLineTest.run(concat(new String[] {"sweep", "--no-service", "--sweep", "svc", "--out",
                dir.resolve("cold").toString()}, grid));
        assertEquals(0, cold.code(), cold.err());
        assertFalse(cold.err().contains("on the local service"));
        assertEquals(Files.readString(dir.resolve("cold/svc/stats.csv")), Files.readString(dir.resolve("warm/svc/stats.csv")),
                "the same statistics wherever the sweep runs");
        assertEquals(Files.readString(dir.resolve("cold/svc/stats.csv")),
                Files.readString(relative.toAbsolutePath().resolve("svc2/stats.csv")).replace("svc2", "svc"));

        CommandLineTest.Run misuse = CommandLineTest.run("sweep", "--n", "0");
        assertEquals(2, misuse.code());
        assertEquals(2, misuse.err().lines().count(), "the notice and one line: " + misuse.err());
        assertTrue(CommandLineTest.run("status").out().contains("3 sweeps served"));

        // java -jar's way in (Main.main): handed over before the command line is built, the same answers
        CommandLineTest.Run atOnce = atOnce(concat(new String[] {"sweep", "--sweep", "svc", "--out", dir.resolve("at-once").toString()}, grid));
        assertEquals(0, atOnce.code(), atOnce.err());
        assertTrue(atOnce.err().contains("on the local service (pid " + state.pid()), atOnce.err());
        assertEquals(Files.readString(dir.resolve("cold/svc/stats.csv")), Files.readString(dir.resolve("at-once/svc/stats.csv")));
        CommandLineTest.Run bogus = atOnce("sweep", "--bogus");
        assertEquals(2, bogus.code());
        assertEquals(2, bogus.err().lines().count(), "the notice and one line: " + bogus.err());
        assertNull(SweepCommand.onServiceAtOnce(new String[] {"sweep", "--no-service"}), "--no-service runs here");
        assertNull(SweepCommand.onServiceAtOnce(new String[] {"sweep", "--help"}));
        assertNull(SweepCommand.onServiceAtOnce(new String[] {"analyze", "w.json"}));

        ProcessHandle service = ProcessHandle.of(state.pid()).orElseThrow();
        assertEquals(0, CommandLineTest.run("down").code());
        assertFalse(service.isAlive());
        assertFalse(Files.exists(ServiceHome.stateFile()));
        assertEquals(1, CommandLineTest.run("status").code());
    }

    /**
     * The service keeps one sweep job deployed and sweeps run on it: sweep after sweep on the same
     * job (Flink's own REST API lists the jobs), a repeated sweep name on a fresh one; records it
     * was not handed (hostile ones, and a spec of a sweep published before that sweep starts, which
     * would otherwise claim its trials first) land in sf.dlq and the job runs on; a sweep whose every
     * trial is rejected still ends, with the rejections counted.
     */
    @Test
    void sweepsRunOnTheJobTheServiceKeepsDeployed() throws Exception {
        System.setProperty("spectralflow.home", dir.resolve("home").toString());
        int port = freePort();
        assertEquals(0, CommandLineTest.run("up", "--slots", "2", "--port", String.valueOf(port), "--heap", "1g").code());
        ServiceWire.State state = ServiceWire.readState(ServiceHome.stateFile());
        String bootstrap = state.bootstrap();
        List<JsonNode> jobs = jobs(state);
        assertEquals(1, jobs.size(), "the warm-up sweep deployed the standing job: " + jobs);
        String standing = jobs.get(0).get("jid").asText();
        assertEquals("RUNNING", jobs.get(0).get("state").asText());

        String[] grid = {"--n", "8", "--scale", "0.9,1.1", "--trials", "5", "--steps", "30", "--no-report", "--quiet"};
        CommandLineTest.Run cold = CommandLineTest.run(concat(new String[] {"sweep", "--no-service", "--sweep", "st", "--out",
                dir.resolve("cold").toString()}, grid));
        assertEquals(0, cold.code(), cold.err());
        String want = Files.readString(dir.resolve("cold/st/stats.csv"));
        for (String name : List.of("st-a", "st-b")) {
            CommandLineTest.Run warm = CommandLineTest.run(concat(new String[] {"sweep", "--sweep", name, "--out", dir.toString()}, grid));
            assertEquals(0, warm.code(), warm.out() + warm.err());
            assertTrue(warm.out().contains("shuffle not counted (the service's standing job)"), warm.out());
            assertEquals(want, Files.readString(dir.resolve(name).resolve("stats.csv")).replace(name, "st"));
        }
        assertEquals(List.of(standing), jids(jobs(state)), "no job of their own");
        // one whose analysis outlasts the reading of its few spec records by far: every trial is counted
        CommandLineTest.Run longer = CommandLineTest.run("sweep", "--sweep", "st-long", "--n", "64", "--trials", "200", "--scale", "0.9,1.1",
                "--activation", "linear", "--steps", "100", "--block-trials", "100", "--out", dir.toString(), "--no-report", "--quiet");
        assertEquals(0, longer.code(), longer.out() + longer.err());
        assertTrue(longer.out().contains("400 matrices in") && longer.out().contains("0 rejected"), longer.out());

        // hostile records, and a spec of sweep st-c published before st-c runs (another n: it would claim cell 0)
        List<byte[][]> hostile = new java.util.ArrayList<>();
        for (org.spectralflow.codec.HostileCorpus.Entry e : org.spectralflow.codec.HostileCorpus.specs(5, 40))
            hostile.add(new byte[][] {e.key(), e.value()});
        String impostor = org.spectralflow.codec.HostileCorpus.validSpec().replace("\"sweep\":\"hc\"", "\"sweep\":\"st-c\"")
                .replace("\"hc/0/0\"", "\"st-c/0/0\"").replace("\"cell_trials\":4", "\"cell_trials\":5");
        hostile.add(new byte[][] {"st-c/0/0".getBytes(), impostor.getBytes()});
        long dlqBefore = org.spectralflow.job.KafkaTestSupport.readAll(bootstrap, "sf.dlq").size();
        org.spectralflow.job.KafkaTestSupport.sendRaw(bootstrap, "sf.specs", hostile);
        long deadline = System.currentTimeMillis() + 60_000;
        List<JsonNode> dlq = org.spectralflow.job.KafkaTestSupport.readAll(bootstrap, "sf.dlq");
        while (dlq.size() < dlqBefore + hostile.size() && System.currentTimeMillis() < deadline) {
            Thread.sleep(500);
            dlq = org.spectralflow.job.KafkaTestSupport.readAll(bootstrap, "sf.dlq");
        }
        assertEquals(dlqBefore + hostile.size(), dlq.size(), "every record it was not handed, rejected once");
        JsonNode rejectedImpostor = dlq.stream().filter(d -> d.path("key").asText().equals("st-c/0/0")).findFirst().orElseThrow();
        assertTrue(rejectedImpostor.get("error").asText().contains("not running on the local service"), rejectedImpostor.toString());
        assertEquals(List.of(standing), jids(jobs(state)));
        CommandLineTest.Run after = CommandLineTest.run(concat(new String[] {"sweep", "--sweep", "st-c", "--out", dir.toString()}, grid));
        assertEquals(0, after.code(), after.out() + after.err());
        assertEquals(want, Files.readString(dir.resolve("st-c/stats.csv")).replace("st-c", "st"), "the impostor claimed nothing");

        // a name the job has seen: a fresh job, the same statistics
        CommandLineTest.Run repeat = CommandLineTest.run(concat(new String[] {"sweep", "--sweep", "st-a", "--out",
                dir.resolve("again").toString()}, grid));
        assertEquals(0, repeat.code(), repeat.err());
        assertEquals(want, Files.readString(dir.resolve("again/st-a/stats.csv")).replace("st-a", "st"));
        List<JsonNode> now = jobs(state);
        assertEquals(2, now.size(), now.toString());
        assertEquals("CANCELED", now.stream().filter(j -> j.get("jid").asText().equals(standing)).findFirst().orElseThrow()
                .get("state").asText());

        // every result above what sf.results takes: all trials rejected, and the sweep still ends
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                org.spectralflow.kafka.TopicAdmin.clientProperties(bootstrap, java.util.Map.of()))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("sf.results", 1, (short) 1)
                    .configs(java.util.Map.of("max.message.bytes", "4200")))).all().get();
        }
        CommandLineTest.Run rejected = CommandLineTest.run(concat(new String[] {"sweep", "--sweep", "st-r", "--results", "--out",
                dir.toString()}, grid));
        assertEquals(Main.EXIT_REJECTED, rejected.code(), rejected.out() + rejected.err());
        assertTrue(rejected.out().contains("0 matrices in") && rejected.out().contains("20 rejected"), rejected.out());
    }

    private static int freePort() throws java.io.IOException {
        try (var s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static List<JsonNode> jobs(ServiceWire.State state) throws Exception {
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(state.restUrl() + "/jobs/overview")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        List<JsonNode> out = new java.util.ArrayList<>();
        new ObjectMapper().readTree(r.body()).get("jobs").forEach(out::add);
        return out;
    }

    private static List<String> jids(List<JsonNode> jobs) {
        return jobs.stream().map(j -> j.get("jid").asText()).toList();
    }

    private static CommandLineTest.Run atOnce(String... args) {
        return CommandLineTest.capture(() -> {
            Integer code = SweepCommand.onServiceAtOnce(args);
            assertNotNull(code, "handed to the service");
            return code;
        });
    }

    private static String[] concat(String[] a, String[] b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}

package org.spectralflow.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
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
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
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

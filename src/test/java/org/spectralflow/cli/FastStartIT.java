package org.spectralflow.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar spectralflow.jar sweep} relaunched for a fast start ({@link FastStart}): the
 * child JVM maps the class-data archive and runs a small sweep on C1 alone (both by the JVM's own
 * report: {@code -Xlog:cds} and {@code -XX:+PrintFlagsFinal}, given to the first JVM and passed on),
 * a large one with C2, and what a small one computes is the same, to the byte, as in place with
 * {@code SPECTRALFLOW_CDS=off}.
 */
class FastStartIT {
    @TempDir
    Path dir;

    private record Run(int code, String out) {}

    private Run sweep(String out, boolean fastStart, List<String> jvm, String... grid) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        cmd.addAll(jvm);
        cmd.addAll(List.of("-jar", System.getProperty("spectralflow.fullJar", "target/spectralflow.jar"), "sweep", "--no-service", "--quiet",
                "--no-report", "--sweep", "fs", "--out", dir.resolve(out).toString()));
        cmd.addAll(List.of(grid.length > 0 ? grid : new String[] {"--n", "12", "--trials", "6"}));
        Path log = dir.resolve(out + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPECTRALFLOW_HOME", dir.resolve("home").toString());
        pb.environment().put("SPECTRALFLOW_CDS", fastStart ? "on" : "off");
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        Process p = pb.start();
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "the sweep ends");
        return new Run(p.exitValue(), Files.readString(log));
    }

    @Test
    void aRelaunchedSweepUsesTheArchiveAndComputesWhatAnInPlaceOneDoes() throws Exception {
        Run first = sweep("a", true, List.of()); // writes the archive where the build did not
        assertEquals(0, first.code(), first.out());
        Run again = sweep("b", true, List.of("-Xlog:cds", "-XX:+PrintFlagsFinal"));
        assertEquals(0, again.code(), again.out());
        assertTrue(again.out().contains("Mapped dynamic region"), "the child mapped the archive:\n" + again.out());
        assertTrue(java.util.regex.Pattern.compile("TieredStopAtLevel\\s+= 1\\b").matcher(again.out()).find(), "C1 alone for 6 matrices");
        Run plain = sweep("c", false, List.of("-Xlog:cds"));
        assertEquals(0, plain.code(), plain.out());
        assertFalse(plain.out().contains("Mapped dynamic region"), plain.out());
        for (String f : List.of("stats.csv", "stats.json"))
            assertEquals(Files.readString(dir.resolve("c/fs").resolve(f)), Files.readString(dir.resolve("b/fs").resolve(f)), f);
        assertEquals(Files.readString(dir.resolve("a/fs/stats.csv")), Files.readString(dir.resolve("b/fs/stats.csv")));
        // 4 000 matrices at N = 64: work enough that C2 pays; only the child's flags are looked at (no Kafka at port 1 ends it)
        Run large = sweep("d", true, List.of("-XX:+PrintFlagsFinal"), "--n", "64", "--trials", "4000", "--bootstrap-servers", "127.0.0.1:1");
        assertNotEquals(0, large.code());
        assertFalse(java.util.regex.Pattern.compile("TieredStopAtLevel\\s+= 1\\b").matcher(large.out()).find(), large.out());
        assertEquals(2, java.util.regex.Pattern.compile("TieredStopAtLevel\\s+= 4\\b").matcher(large.out()).results().count(),
                "two JVMs, both with C2:\n" + large.out());
    }
}

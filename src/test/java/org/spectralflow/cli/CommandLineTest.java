package org.spectralflow.cli;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.spectralflow.codec.MatrixCodec;
import org.spectralflow.codec.MatrixFiles;

/** The analyze command on every input format, and one-line errors with non-zero exits on misuse. */
class CommandLineTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        return capture(() -> {
            var cl = Main.commandLine();
            cl.setOut(new java.io.PrintWriter(System.out, true));
            cl.setErr(new java.io.PrintWriter(System.err, true));
            return cl.execute(args);
        });
    }

    /** Runs body with System.out and System.err captured; its result is the exit code. */
    static Run capture(java.util.function.IntSupplier body) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = body.getAsInt();
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void theSameMatrixGivesTheSameAnalysisFromJsonBase64NpyAndCsv() throws Exception {
        double[] w = {0.5, 0.2, -0.1, 0.3, 0.9, 0.05, 0.0, -0.4, 0.7};
        Path json = dir.resolve("w.json"), b64 = dir.resolve("w64.json"), npy = dir.resolve("w.npy"), csv = dir.resolve("w.csv");
        Files.writeString(json, "{\"v\":1,\"n\":3,\"data\":[0.5,0.2,-0.1,0.3,0.9,0.05,0.0,-0.4,0.7],\"steps\":30}");
        Files.writeString(b64, "{\"v\":1,\"n\":3,\"dtype\":\"f64\",\"data_b64\":\"" + MatrixCodec.base64(w, "f64") + "\",\"steps\":30}");
        Files.write(npy, MatrixFiles.toNpy(w, 3));
        Files.writeString(csv, "0.5,0.2,-0.1\n0.3,0.9,0.05\n0.0,-0.4,0.7\n");
        ObjectMapper m = new ObjectMapper();
        JsonNode ref = null;
        for (Path p : new Path[] {json, b64, npy, csv}) {
            Run r = p.toString().endsWith(".json") ? run("analyze", "--compact", "--id", "x", p.toString())
                    : run("analyze", "--compact", "--id", "x", "--steps", "30", p.toString());
            assertEquals(0, r.code(), r.err());
            JsonNode a = m.readTree(r.out());
            assertEquals(3, a.get("spectrum").get("re").size());
            assertEquals(30, a.get("linear").get("growth").size());
            if (ref == null) ref = a;
            else assertEquals(ref, a, "same analysis from " + p);
        }
        // ρ of this matrix from its characteristic polynomial's largest root, independently
        assertTrue(ref.get("spectrum").get("rho").asDouble() > 0.9);
    }

    /**
     * {@code analyze --rho} on a CSR record above --dense-max-n: upper triangular, so its eigenvalues
     * are its diagonal (0.5 to 0.9, and 1.3 once): ρ = 1.3 exactly, by the Krylov solver with k = 1;
     * on a dense input the dense spectrum's ρ, the same as the full analysis's.
     */
    @Test
    void analyzeRhoGivesTheSpectralRadiusAlone() throws Exception {
        int n = 3000;
        java.util.Random rnd = new java.util.Random(5);
        StringBuilder indptr = new StringBuilder("0"), indices = new StringBuilder(), data = new StringBuilder();
        int nnz = 0;
        for (int i = 0; i < n; i++) {
            java.util.TreeSet<Integer> cols = new java.util.TreeSet<>(java.util.List.of(i));
            while (cols.size() < 4 && i < n - 4) cols.add(i + 1 + rnd.nextInt(n - i - 1));
            for (int j : cols) {
                double v = j == i ? (i == 7 ? 1.3 : 0.5 + 0.4 * i / n) : rnd.nextGaussian() * 0.3;
                indices.append(nnz == 0 ? "" : ",").append(j);
                data.append(nnz == 0 ? "" : ",").append(v);
                nnz++;
            }
            indptr.append(',').append(nnz);
        }
        Path csr = dir.resolve("w.json");
        Files.writeString(csr, "{\"v\":1,\"n\":" + n + ",\"format\":\"csr\",\"indptr\":[" + indptr + "],\"indices\":[" + indices
                + "],\"data\":[" + data + "]}");
        ObjectMapper m = new ObjectMapper();
        Run r = run("analyze", "--rho", "--compact", csr.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode sp = m.readTree(r.out()).get("spectrum");
        assertEquals("krylov", sp.get("method").asText());
        assertEquals(1, sp.get("k").asInt());
        assertTrue(sp.get("converged").asBoolean());
        assertEquals(1.3, sp.get("rho").asDouble(), 1e-9);
        assertFalse(m.readTree(r.out()).has("linear"), "ρ alone: no propagation");

        Path small = dir.resolve("d.json");
        Files.writeString(small, "{\"v\":1,\"n\":3,\"data\":[0.5,0.2,-0.1,0.3,0.9,0.05,0.0,-0.4,0.7]}");
        JsonNode dense = m.readTree(run("analyze", "--rho", "--compact", small.toString()).out()).get("spectrum");
        JsonNode full = m.readTree(run("analyze", "--compact", small.toString()).out()).get("spectrum");
        assertEquals("dense", dense.get("method").asText());
        assertEquals(full.get("rho").asDouble(), dense.get("rho").asDouble(), 0.0);
        Run layer = run("analyze", "--rho", "--cell", "rnn_tanh", small.toString());
        assertEquals(2, layer.code(), "--rho with a cell's layer is misuse");
        assertEquals(1, layer.err().lines().count(), layer.err());
    }

    /** An LSTM's 4H×H weight_hh with gate blocks c·I: each gate's ρ and σ₁ are |c| exactly. */
    @Test
    void analyzeReadsAGatedWeightFileAsItsCell() throws Exception {
        int h = 5;
        double[] c = {0.3, -1.25, 0.8, 0.6}, w = new double[4 * h * h];
        for (int g = 0; g < 4; g++) for (int i = 0; i < h; i++) w[g * h * h + i * h + i] = c[g];
        Path npy = dir.resolve("lstm.npy");
        Files.write(npy, MatrixFiles.toNpy(w, 4 * h, h));
        Run plain = run("analyze", npy.toString());
        assertEquals(2, plain.code());
        assertTrue(plain.err().contains("--cell lstm"), plain.err());
        Run r = run("analyze", "--compact", "--cell", "lstm", npy.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode a = new ObjectMapper().readTree(r.out());
        assertEquals("lstm", a.get("cell").asText());
        assertEquals(h, a.get("n").asInt());
        for (int g = 0; g < 4; g++) {
            JsonNode gate = a.get("gates").get("ifgo".substring(g, g + 1));
            assertEquals(Math.abs(c[g]), gate.get("rho").asDouble(), 1e-15);
            assertEquals(Math.abs(c[g]), gate.get("sigma1").asDouble(), 1e-15);
        }
        assertEquals(1.25, a.get("rho").asDouble(), 1e-15, "the largest gate ρ");
        assertTrue(a.get("regime") == null && a.get("growth_rate").isNull(), "weights alone decide no regime");
        // a JSON request with Jacobians 2·I, 0.5·I: rate (ln 2 + ln 0.5)/2 = 0 exactly, ρ of the product 1
        Path gru = dir.resolve("gru.json");
        StringBuilder j = new StringBuilder();
        for (double s : new double[] {2, 0.5}) for (int i = 0; i < 4; i++) for (int k = 0; k < 4; k++) j.append(j.isEmpty() ? "" : ",").append(i == k ? s : 0);
        Files.writeString(gru, "{\"n\":4,\"cell\":\"gru\",\"data\":[" + "0.1,".repeat(47) + "0.1],\"m\":4,\"jacobians\":[" + j + "]}");
        JsonNode t = new ObjectMapper().readTree(run("analyze", "--compact", gru.toString()).out()).get("trajectory");
        assertEquals(2, t.get("k").asInt());
        assertEquals(0.0, t.get("rate").asDouble(), 1e-15);
        assertEquals(1.0, t.get("rho_product").asDouble(), 1e-15);
        assertEquals(1.25, t.get("sigma1_mean").asDouble(), 1e-15);
    }

    @Test
    void requestFieldsOverrideTheSeededStarts() throws Exception {
        Path json = dir.resolve("w.json");
        Files.writeString(json, "{\"v\":1,\"n\":2,\"data\":[2,0,0,0.5],\"steps\":3,\"g\":[0,1],\"h0\":[1,1]}");
        Run r = run("analyze", "--compact", json.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode a = new ObjectMapper().readTree(r.out());
        // g = e₂ is an eigenvector of Bᵀ with eigenvalue 0.5: a_n = 0.5ⁿ exactly
        for (int i = 0; i < 3; i++) assertEquals(Math.pow(0.5, i + 1), a.get("linear").get("growth").get(i).asDouble(), 1e-15);
    }

    @Test
    void misuseGetsOneLineAndANonZeroExit() throws Exception {
        Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{\"v\":1,\"n\":2,\"data\":[1,2,3]}");
        for (String[] args : new String[][] {{"analyze", bad.toString()}, {"analyze", dir.resolve("missing.npy").toString()},
                {"analyze"}, {"analyze", "--steps", "many", bad.toString()}, {"nosuchcommand"},
                {"sweep", "--scale", "1:0:0.1"}, {"sweep", "--n", "0"}}) {
            Run r = run(args);
            assertNotEquals(0, r.code(), String.join(" ", args));
            assertEquals(1, r.err().strip().lines().count(), "one line for " + String.join(" ", args) + ": " + r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
    }

    /**
     * Options that cannot work are refused at once: exit 2 and the reason as the only line (a broker
     * or job started first would have printed its address), and nothing left in /tmp.
     */
    @Test
    void badOptionsAreRefusedBeforeAnythingStarts() throws Exception {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        java.util.Set<String> before = tempDirs();
        String[][] cases = {
                {"sweep", "--checkpoint-interval", "0"},
                {"sweep", "--kafka-config", dir.resolve("missing.properties").toString()},
                {"sweep", "--out", file.resolve("sub").toString()},
                {"sweep", "--trials", "20000", "--n", "8", "--scale", "0.5:1.5:0.0001"},
                {"sweep", "--trials", "2000000000", "--yes"}, {"sweep", "--block-trials", "-1"},
                {"sweep", "--activation", "TANH"},
                {"sweep-job", "--bootstrap-servers", "127.0.0.1:1", "--checkpoint-interval", "0"},
                {"monitor", "--checkpoint-interval", "5"},
                {"monitor", "--layer-ttl", "24"},
                {"monitor-job", "--bootstrap-servers", "127.0.0.1:1", "--max-layers-per-model", "0"},
        };
        String[] expect = {"--checkpoint-interval must be at least 10", "cannot read --kafka-config", "cannot write to",
                "needs --yes", "--trials must be at most 1000000000", "--block-trials must not be negative", "exactly, in lower case", "--checkpoint-interval",
                "--checkpoint-interval", "needs a unit", "--max-layers-per-model must be at least 1"};
        for (int i = 0; i < cases.length; i++) {
            Run r = run(cases[i]);
            String what = String.join(" ", cases[i]);
            assertEquals(2, r.code(), what + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), what + ": " + r.err());
            assertTrue(r.err().contains(expect[i]), what + ": " + r.err());
        }
        java.util.Set<String> left = tempDirs();
        left.removeAll(before);
        assertTrue(left.isEmpty(), "nothing left in the temporary directory: " + left);
    }

    static java.util.Set<String> tempDirs() throws Exception {
        try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("spectralflow-"))
                    .collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new));
        }
    }

    @Test
    void aFailedJobSaysItsRootCause() {
        Exception e = new java.util.concurrent.ExecutionException("org.apache.flink.runtime.client.JobExecutionException: Job execution failed.",
                new RuntimeException("Job execution failed.", new IllegalStateException("The message is 72351234 bytes when serialized")));
        String line = Main.describe(e);
        assertTrue(line.contains("root cause: IllegalStateException: The message is 72351234 bytes"), line);
    }

    @Test
    void errorsSayTheCauseInOneLineWithTheRightCode() throws Exception {
        Path badJson = dir.resolve("bad.json"), garbage = dir.resolve("garbage.csv");
        Files.writeString(badJson, "[1, 2,");
        byte[] noise = new byte[300];
        new java.util.Random(4).nextBytes(noise);
        Files.write(garbage, noise);
        Object[][] cases = {
                {new String[] {"analyze", dir.toString()}, 2, "it is a directory"},
                {new String[] {"analyze", badJson.toString()}, 2, "malformed JSON"},
                {new String[] {"analyze", garbage.toString()}, 2, "CSV"},
                {new String[] {"watch", "--bootstrap-servers", "127.0.0.1:1", "--once"}, 1, "cannot reach Kafka at 127.0.0.1:1"},
                {new String[] {"stats", "--sweep", "s"}, 2, "--bootstrap-servers is required"},
        };
        for (Object[] c : cases) {
            String[] args = (String[]) c[0];
            Run r = run(args);
            String what = String.join(" ", args);
            assertEquals(c[1], r.code(), what + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), what + ": " + r.err());
            assertTrue(r.err().contains((String) c[2]), what + ": " + r.err());
            assertTrue(r.err().strip().chars().noneMatch(ch -> ch < 0x20 || ch == 0xFFFD), what + " echoes raw bytes: " + r.err());
        }
    }
}

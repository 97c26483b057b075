package org.spectralflow.dashboard;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.spectralflow.codec.HealthCodec;
import org.spectralflow.kafka.TopicFollower;
import org.spectralflow.kafka.WeightsPublisher;
import org.spectralflow.model.Activation;
import org.spectralflow.model.Weights;

/**
 * The live dashboard in a real browser: the packaged jar's {@code monitor} (embedded broker,
 * MiniCluster, dashboard) and Debian's headless Chromium over the DevTools protocol. A layer
 * appears with its ρ, a newer record updates it within 2 s of its health record being committed
 * without a reload, an alert shows, the page logs no error; a screenshot lands in target/.
 */
class DashboardBrowserIT {
    static final String MODEL = "it", LAYER = "rnn.weight_hh_l0";

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** c·I: ρ = σ₁ = c exactly. */
    static Weights weights(long step, double c) {
        int n = 8;
        double[] w = new double[n * n];
        for (int i = 0; i < n; i++) w[i * n + i] = c;
        return new Weights(MODEL, LAYER, step, n, w, Activation.LINEAR, 50);
    }

    @Test
    void aLayerAppearsUpdatesLiveAndShowsItsAlert() throws Exception {
        Path jar = Path.of(System.getProperty("spectralflow.fullJar", "target/spectralflow.jar")).toAbsolutePath();
        Path profile = Files.createTempDirectory("chromium-profile");
        Process monitor = new ProcessBuilder("java", "-Xmx1g", "-jar", jar.toString(), "monitor", "--embedded-port",
                String.valueOf(freePort()), "--http-port", String.valueOf(freePort()), "--checkpoint-interval", "500")
                .redirectErrorStream(true).start();
        try (AutoCloseable stopMonitor = () -> stop(monitor)) {
            String url = null, bootstrap = null;
            BufferedReader out = new BufferedReader(new InputStreamReader(monitor.getInputStream(), StandardCharsets.UTF_8));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            for (String line; bootstrap == null && System.nanoTime() < deadline && (line = out.readLine()) != null; ) {
                if (line.startsWith("dashboard: ")) url = line.substring("dashboard: ".length()).trim();
                if (line.startsWith("monitoring: publish weights")) bootstrap = line.substring(line.lastIndexOf(" at ") + 4).trim();
            }
            assertNotNull(url, "the monitor prints the dashboard's address");
            assertNotNull(bootstrap, "the monitor started");
            Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
            drain.setDaemon(true);
            drain.start();

            try (Chromium browser = new Chromium(profile);
                 WeightsPublisher pub = new WeightsPublisher(bootstrap, Map.of(), "sf.weights");
                 TopicFollower health = new TopicFollower(bootstrap, Map.of(), List.of("sf.health"), true)) {
                browser.navigate(url);
                pub.send(weights(0, 0.5), "f64");
                String row = "document.querySelector('#layers tbody tr[data-key=\"" + MODEL + "/" + LAYER + "\"]')";
                waitFor(browser, row + "?.querySelector('td.rho')?.textContent", "0.5000", 60_000);
                browser.eval("window.__notReloaded = 42");

                pub.send(weights(100, 0.7), "f64");
                long committed = awaitHealth(health, 100);
                long shown = waitFor(browser, row + ".querySelector('td.rho').textContent", "0.7000", 10_000);
                System.out.println("dashboard: the new ρ was on the page " + (shown - committed) + " ms after its health record was committed");
                assertTrue(shown - committed <= 2_000, "shown " + (shown - committed) + " ms after the health record was committed");
                assertEquals(42, browser.eval("window.__notReloaded").asInt(), "updated without a reload");
                assertEquals("linear", browser.eval(row + ".querySelector('td.cell').textContent").asText());
                assertEquals("vanishing", browser.eval(row + ".querySelector('td.regime').textContent").asText());

                // ρ rising steadily towards 1: the forecast alert reaches the page
                for (int k = 2; k <= 5; k++) pub.send(weights(100L * k, 0.7 + 0.02 * (k - 1)), "f64");
                waitFor(browser, "document.querySelectorAll('#alerts li.alert').length > 0 ? document.querySelector('#alerts li.alert').textContent.includes('crosses 1') : false",
                        "true", 30_000);
                waitFor(browser, row + ".querySelector('td.last-alert').textContent.startsWith('forecast')", "true", 10_000);
                assertTrue(browser.eval("document.querySelectorAll('#rho-chart polyline').length").asInt() == 1, "the ρ chart is drawn");

                Path shot = Path.of("target", "dashboard.png");
                browser.screenshot(shot);
                assertTrue(Files.size(shot) > 10_000, "a screenshot with content");
                assertEquals(List.of(), browser.errors(), "no console errors or exceptions");
            }

            // the JSON API the page uses
            HttpClient http = HttpClient.newHttpClient();
            JsonNode layers = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(url + "api/layers")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertEquals(LAYER, layers.get(0).get("layer").asText());
            JsonNode history = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(url + "api/layers/" + MODEL + "/"
                    + LAYER)).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertEquals(6, history.get("steps").size());
            assertEquals(0.78, history.get("rho").get(5).asDouble(), 1e-12);
            JsonNode alerts = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(url + "api/alerts")).build(),
                    HttpResponse.BodyHandlers.ofString()).body());
            assertEquals("forecast", alerts.get(0).get("kind").asText());
        }
    }

    /** Polls the expression until it equals the expected text; returns the time it first did. */
    static long waitFor(Chromium b, String expression, String expected, long timeoutMs) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMs;
        String last = null;
        while (System.currentTimeMillis() < deadline) {
            JsonNode v;
            try {
                v = b.eval(expression);
            } catch (IllegalStateException e) {
                v = null; // the page is still loading
            }
            last = v == null ? null : v.asText();
            if (expected.equals(last)) return System.currentTimeMillis();
            Thread.sleep(50);
        }
        fail(expression + " is " + last + ", expected " + expected + " within " + timeoutMs + " ms");
        return -1;
    }

    /** The wall time at which this test's own read_committed consumer first sees the health record of the step. */
    static long awaitHealth(TopicFollower f, long step) {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline)
            for (TopicFollower.Message m : f.poll(Duration.ofMillis(20))) {
                HealthCodec.Health h = HealthCodec.decode(m.value());
                if (h.model().equals(MODEL) && h.step() == step) return System.currentTimeMillis();
            }
        throw new AssertionError("no committed health record for step " + step);
    }

    static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) p.destroyForcibly().waitFor();
    }
}

package org.spectralflow.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's headless Chromium driven over the Chrome DevTools Protocol (a WebSocket, JSON
 * messages): navigate, evaluate JavaScript in the page, take screenshots, and collect console
 * errors and uncaught exceptions. For tests that need a real browser.
 */
public final class Chromium implements AutoCloseable {
    static final String BINARY = System.getProperty("spectralflow.chromium", "/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final WebSocket socket;
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<String> errors = new CopyOnWriteArrayList<>();

    public Chromium(Path profile) throws Exception {
        process = new ProcessBuilder(BINARY, "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--no-first-run", "--remote-debugging-port=0", "--user-data-dir=" + profile, "--window-size=1400,1000",
                "about:blank").redirectErrorStream(true).start();
        String ws = null;
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (String line; ws == null && System.nanoTime() < deadline && (line = out.readLine()) != null; )
            if (line.startsWith("DevTools listening on ")) ws = line.substring("DevTools listening on ".length()).trim();
        if (ws == null) {
            process.destroyForcibly();
            throw new IllegalStateException(BINARY + " did not open its DevTools port");
        }
        Thread drain = new Thread(() -> out.lines().forEach(l -> { }), "chromium-output");
        drain.setDaemon(true);
        drain.start();
        URI browser = URI.create(ws);
        HttpClient http = HttpClient.newHttpClient();
        String list = http.send(HttpRequest.newBuilder(URI.create("http://" + browser.getAuthority() + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String page = null;
        for (JsonNode t : JSON.readTree(list)) if (t.path("type").asText().equals("page")) page = t.get("webSocketDebuggerUrl").asText();
        if (page == null) throw new IllegalStateException("no page target in " + list);
        socket = http.newWebSocketBuilder().buildAsync(URI.create(page), new Listener()).get(10, TimeUnit.SECONDS);
        call("Runtime.enable", Map.of());
        call("Page.enable", Map.of());
    }

    /** Sends one command and waits for its result. */
    JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        pending.put(id, f);
        ObjectNode msg = JSON.createObjectNode();
        msg.put("id", id);
        msg.put("method", method);
        msg.set("params", JSON.valueToTree(params));
        socket.sendText(JSON.writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
        JsonNode r = f.get(30, TimeUnit.SECONDS);
        if (r.has("error")) throw new IllegalStateException(method + ": " + r.get("error"));
        return r.get("result");
    }

    public void navigate(String url) throws Exception {
        call("Page.navigate", Map.of("url", url));
    }

    /** The value of a JavaScript expression evaluated in the page (awaited if it is a promise). */
    public JsonNode eval(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
        if (r.has("exceptionDetails")) throw new IllegalStateException("page threw: " + r.get("exceptionDetails"));
        return r.path("result").path("value");
    }

    /** Console errors and uncaught exceptions so far. */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    public void screenshot(Path file) throws Exception {
        JsonNode r = call("Page.captureScreenshot", Map.of("format", "png"));
        Files.write(file, Base64.getDecoder().decode(r.get("data").asText()));
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                try {
                    JsonNode m = JSON.readTree(text.toString());
                    if (m.has("id")) {
                        CompletableFuture<JsonNode> f = pending.remove(m.get("id").asInt());
                        if (f != null) f.complete(m);
                    } else if (m.path("method").asText().equals("Runtime.exceptionThrown")) {
                        errors.add("exception: " + m.path("params").path("exceptionDetails"));
                    } else if (m.path("method").asText().equals("Runtime.consoleAPICalled")
                            && m.path("params").path("type").asText().equals("error")) {
                        errors.add("console.error: " + m.path("params").path("args"));
                    }
                } catch (Exception e) {
                    errors.add("unreadable DevTools message: " + e);
                }
                text.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        } catch (Exception ignored) {
            // the browser is going anyway
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
        }
    }
}

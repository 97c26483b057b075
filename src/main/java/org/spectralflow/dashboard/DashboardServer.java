package org.spectralflow.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.spectralflow.codec.Json;

/**
 * The dashboard's HTTP side (DESIGN §6.8), on the JDK's own server: the page and its assets from
 * the jar, the JSON API ({@code /api/layers}, {@code /api/layers/{model}/{layer}}, {@code /api/alerts},
 * {@code /api/info}), and {@code /api/events}, a server-sent event stream that pushes every health
 * record and alert as the board receives it. At most {@link #MAX_STREAMS} streams at once.
 */
public final class DashboardServer implements AutoCloseable {
    static final int MAX_STREAMS = 32;
    private static final String[] ASSETS = {"index.html", "dashboard.js", "dashboard.css"};

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "dashboard-http");
        t.setDaemon(true);
        return t;
    });
    private final LayerBoard board;
    private final String source;
    private final AtomicInteger streams = new AtomicInteger();
    private volatile boolean closed;

    private DashboardServer(HttpServer server, LayerBoard board, String source) {
        this.server = server;
        this.board = board;
        this.source = source;
        server.setExecutor(pool);
        server.createContext("/", this::asset);
        server.createContext("/api/", this::api);
        server.start();
    }

    /**
     * Serves the board on bind:port; when that port is taken (and was asked for, not 0) it falls
     * back to a free one, so a second monitor on one machine still gets a dashboard.
     *
     * @param source what the page names as its data source (the broker)
     */
    public static DashboardServer start(String bind, int port, LayerBoard board, String source) throws IOException {
        HttpServer s;
        try {
            s = HttpServer.create(new InetSocketAddress(bind, port), 64);
        } catch (BindException e) {
            if (port == 0) throw e;
            s = HttpServer.create(new InetSocketAddress(bind, 0), 64);
        }
        return new DashboardServer(s, board, source);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The page's address, as a user types it. */
    public String url() {
        String host = server.getAddress().getAddress().isAnyLocalAddress() ? "127.0.0.1" : server.getAddress().getHostString();
        return "http://" + host + ":" + port() + "/";
    }

    private void asset(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        String name = path.equals("/") ? "index.html" : path.substring(1);
        for (String a : ASSETS) {
            if (a.equals(name)) {
                try (InputStream in = DashboardServer.class.getResourceAsStream("/dashboard/" + a)) {
                    if (in == null) break;
                    send(x, 200, type(a), in.readAllBytes());
                    return;
                }
            }
        }
        send(x, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
    }

    private void api(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getRawPath();
        if (!x.getRequestMethod().equals("GET")) {
            send(x, 405, "text/plain; charset=utf-8", "GET only\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        switch (path) {
            case "/api/layers" -> json(x, board.layers());
            case "/api/alerts" -> json(x, board.alerts());
            case "/api/info" -> {
                var o = Json.object();
                o.put("source", source);
                o.put("now_ms", System.currentTimeMillis());
                json(x, o);
            }
            case "/api/events" -> events(x);
            default -> {
                String[] parts = path.split("/", -1); // "", "api", "layers", model, layer
                if (parts.length == 5 && parts[2].equals("layers")) {
                    JsonNode l = board.layer(decode(parts[3]), decode(parts[4]));
                    if (l != null) {
                        json(x, l);
                        return;
                    }
                }
                send(x, 404, "application/json", "{\"error\":\"no such layer or endpoint\"}".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** Server-sent events: a comment every 10 s keeps proxies and the browser's reconnect logic content. */
    private void events(HttpExchange x) throws IOException {
        if (streams.incrementAndGet() > MAX_STREAMS) {
            streams.decrementAndGet();
            send(x, 503, "text/plain; charset=utf-8", "too many event streams\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        BlockingQueue<String> queue = new ArrayBlockingQueue<>(1024);
        Consumer<String> listener = m -> {
            if (!queue.offer(m)) queue.clear(); // a client too slow to keep up reloads its state on "resync"
        };
        board.listen(listener);
        try {
            x.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            x.getResponseHeaders().set("Cache-Control", "no-store");
            x.sendResponseHeaders(200, 0);
            try (OutputStream out = x.getResponseBody()) {
                out.write(": connected\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                while (!closed) {
                    String m = queue.poll(10, TimeUnit.SECONDS);
                    out.write((m == null ? ": keep-alive\n\n" : m).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        } catch (IOException | InterruptedException e) {
            // the browser went away, or the server is closing
        } finally {
            board.unlisten(listener);
            streams.decrementAndGet();
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static void json(HttpExchange x, JsonNode body) throws IOException {
        send(x, 200, "application/json", Json.compact(body).getBytes(StandardCharsets.UTF_8));
    }

    private static void send(HttpExchange x, int code, String type, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", type);
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.sendResponseHeaders(code, body.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(body);
        }
    }

    private static String type(String name) {
        if (name.endsWith(".html")) return "text/html; charset=utf-8";
        if (name.endsWith(".js")) return "text/javascript; charset=utf-8";
        return "text/css; charset=utf-8";
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        pool.shutdownNow();
    }
}

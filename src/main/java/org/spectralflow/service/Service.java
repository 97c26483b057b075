package org.spectralflow.service;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.spectralflow.codec.ServiceWire;
import org.spectralflow.kafka.EmbeddedKafka;
import org.spectralflow.run.LocalFlink;

/**
 * The warm local service behind {@code spectralflow up}: an embedded Kafka broker and a Flink
 * MiniCluster that stay up, and a loopback control port through which {@code sweep} hands its
 * command line over, so that a small sweep costs its own work rather than a JVM's, a broker's and a
 * cluster's start-up. Sweeps run one at a time, with the client's output streamed back; a request
 * must carry the token of the state file (readable by its owner only).
 */
public final class Service implements AutoCloseable {
    private final EmbeddedKafka kafka;
    private final LocalFlink flink;
    private final org.spectralflow.run.StandingSweepJob standing;
    private final ServerSocket control;
    private final ServiceWire.State state;
    private final Function<String[], Integer> commands;
    private final Object oneAtATime = new Object();
    /** At most 16 requests at once (one sweep, the rest status calls that wait 10 s at most for their request). */
    private final java.util.concurrent.ExecutorService requests = new java.util.concurrent.ThreadPoolExecutor(0, 16, 30,
            java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(), r -> {
                Thread t = new Thread(r, "spectralflow-service-request");
                t.setDaemon(true);
                return t;
            });
    private final AtomicInteger served = new AtomicInteger();
    private volatile String running;
    private volatile boolean closed;

    private Service(EmbeddedKafka kafka, LocalFlink flink, ServerSocket control, ServiceWire.State state,
                    Function<String[], Integer> commands) {
        this.kafka = kafka;
        this.flink = flink;
        this.standing = new org.spectralflow.run.StandingSweepJob(flink);
        this.control = control;
        this.state = state;
        this.commands = commands;
    }

    /**
     * Starts the broker (on brokerPort if free) and the MiniCluster side by side, opens the control
     * port and writes the state file.
     *
     * @param commands runs a command line in this process and returns its exit code
     */
    public static Service start(int slots, int brokerPort, Function<String[], Integer> commands) throws Exception {
        return start(slots, brokerPort, commands, false);
    }

    /**
     * As above; with {@code warmUp}, one small sweep runs in it before the state file is written
     * (so before a client can find it), so that the JIT has compiled the sweep's paths by the first
     * sweep a user sends: on a fresh service that one took 7.4 s against 2.0–2.8 s for the ones
     * after it (the default sweep, measured 2026-12-04).
     */
    public static Service start(int slots, int brokerPort, Function<String[], Integer> commands, boolean warmUp) throws Exception {
        Path home = ServiceHome.dir();
        Files.createDirectories(home);
        LocalFlink flink = LocalFlink.start(slots);
        EmbeddedKafka kafka = null;
        ServerSocket control = null;
        try {
            kafka = EmbeddedKafka.start(brokerPort);
            String rest = flink.restAddress();
            control = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            ServiceWire.State state = new ServiceWire.State(ProcessHandle.current().pid(), kafka.bootstrapServers(), rest,
                    control.getLocalPort(), HexFormat.of().formatHex(secret), ServiceHome.build(), slots, System.currentTimeMillis());
            Service service = new Service(kafka, flink, control, state, commands);
            if (warmUp) service.warmUp();
            ServiceWire.writeState(ServiceHome.stateFile(), state);
            return service;
        } catch (Exception e) {
            if (control != null) control.close();
            if (kafka != null) kafka.close();
            flink.close();
            throw e;
        }
    }

    /** The default sweep (its report included) into a temporary directory, its output to the service's log. */
    private void warmUp() throws IOException {
        Path dir = org.spectralflow.io.TempDirs.create("spectralflow-warm-up-");
        long t0 = System.nanoTime();
        ServiceContext.set(new ServiceContext.Current(state.bootstrap(), flink, standing, state.slots(), dir, false));
        try {
            int code = commands.apply(new String[] {"sweep", "--sweep", "warm-up", "--out", dir.toString(), "--quiet",
                    "--parallelism", String.valueOf(state.slots())});
            System.err.printf(java.util.Locale.ROOT, "spectralflow service: warmed up with the default sweep in %.1f s (exit %d)%n",
                    (System.nanoTime() - t0) / 1e9, code);
        } finally {
            ServiceContext.set(null);
            org.spectralflow.io.TempDirs.delete(dir);
        }
    }

    public ServiceWire.State state() {
        return state;
    }

    /** Serves requests until a shutdown request or {@link #close}. */
    public void serve() {
        while (!closed) {
            Socket s;
            try {
                s = control.accept();
            } catch (IOException e) {
                break; // closed
            }
            try {
                requests.execute(() -> handle(s));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                try {
                    s.close(); // more connections at once than any client makes: refused, not a thread each
                } catch (IOException ignored) {
                    // gone anyway
                }
            }
        }
        requests.shutdownNow();
    }

    private void handle(Socket s) {
        try (s) {
            s.setSoTimeout(10_000); // for the request; the answer may take as long as the sweep
            ServiceWire.Request r = ServiceWire.readRequest(new DataInputStream(s.getInputStream()));
            s.setSoTimeout(0);
            DataOutputStream out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream()));
            if (!java.security.MessageDigest.isEqual(r.token().getBytes(StandardCharsets.UTF_8),
                    state.token().getBytes(StandardCharsets.UTF_8))) {
                message(out, ServiceWire.STDERR, "spectralflow service: wrong token (a stale state file?)\n", 2);
                return;
            }
            switch (r.verb()) {
                case "status" -> message(out, ServiceWire.STDOUT, status(), 0);
                case "shutdown" -> {
                    message(out, ServiceWire.STDOUT, "spectralflow service (pid " + state.pid() + ") stopping\n", 0);
                    close();
                }
                case "run" -> run(r, out);
                default -> message(out, ServiceWire.STDERR, "spectralflow service: unknown request '" + r.verb() + "'\n", 2);
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("spectralflow service: a request failed: " + e);
        }
    }

    private String status() {
        long up = (System.currentTimeMillis() - state.startedMillis()) / 1000;
        String now = running;
        return String.format(java.util.Locale.ROOT, "spectralflow service up %d s (pid %d): Kafka at %s, Flink REST at %s, %d slots; "
                + "%d sweep%s served%s; %s%n", up, state.pid(), state.bootstrap(), state.restUrl(), state.slots(), served.get(),
                served.get() == 1 ? "" : "s",
                now == null ? ", idle" : ", running: " + now, standing.describe());
    }

    private void run(ServiceWire.Request r, DataOutputStream out) throws IOException {
        List<String> args = r.args();
        if (args.isEmpty() || !args.get(0).equals("sweep")) {
            message(out, ServiceWire.STDERR, "spectralflow service: it runs sweeps only\n", 2);
            return;
        }
        synchronized (oneAtATime) {
            PrintStream oldOut = System.out, oldErr = System.err;
            PrintStream o = frames(out, ServiceWire.STDOUT), e = frames(out, ServiceWire.STDERR);
            int code;
            running = String.join(" ", args);
            try {
                System.setOut(o);
                System.setErr(e);
                ServiceContext.set(new ServiceContext.Current(state.bootstrap(), flink, standing, state.slots(), Path.of(r.cwd()), r.terminal()));
                code = commands.apply(args.toArray(String[]::new));
            } finally {
                ServiceContext.set(null);
                o.flush();
                e.flush();
                System.setOut(oldOut);
                System.setErr(oldErr);
                running = null;
                served.incrementAndGet();
            }
            ServiceWire.writeExit(out, code);
        }
    }

    private static void message(DataOutputStream out, byte channel, String text, int code) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ServiceWire.writeFrame(out, channel, b, 0, b.length);
        ServiceWire.writeExit(out, code);
    }

    /** A PrintStream whose bytes go to the client as frames of one channel (a broken connection is ignored). */
    private static PrintStream frames(DataOutputStream out, byte channel) {
        OutputStream sink = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                synchronized (out) {
                    ServiceWire.writeFrame(out, channel, b, off, len);
                }
            }
        };
        return new PrintStream(new BufferedOutputStream(sink, 8192), true, StandardCharsets.UTF_8);
    }

    /** Stops serving, the cluster and the broker, and removes the state file if it is still this service's. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        try {
            control.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        try {
            standing.close();
            flink.close();
        } catch (Exception e) {
            System.err.println("spectralflow service: stopping the MiniCluster: " + e);
        }
        kafka.close();
        ServiceWire.State on = ServiceWire.readState(ServiceHome.stateFile());
        if (on != null && on.pid() == state.pid()) {
            try {
                Files.deleteIfExists(ServiceHome.stateFile());
            } catch (IOException ignored) {
                // a stale file is recognised by its dead pid
            }
        }
    }
}

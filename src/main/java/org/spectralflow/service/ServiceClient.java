package org.spectralflow.service;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import org.spectralflow.codec.ServiceWire;

/** The client side of the local service: finding a live one of this build, and sending it requests. */
public final class ServiceClient {
    private static final int CONNECT_TIMEOUT_MS = 1_000;

    private ServiceClient() {}

    /** The state of a service that is up, answers and runs this build; null otherwise. */
    public static ServiceWire.State find() {
        ServiceWire.State s = ServiceWire.readState(ServiceHome.stateFile());
        if (s == null || !alive(s) || !s.build().equals(ServiceHome.build())) return null;
        return s;
    }

    /** Whether the state file's process is alive (it may still not be the service: see {@link #alive}). */
    public static boolean processAlive(ServiceWire.State s) {
        return ProcessHandle.of(s.pid()).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Whether the state file's process lives and its control port answers a status request. */
    public static boolean alive(ServiceWire.State s) {
        if (processAlive(s)) {
            try {
                PrintStream none = new PrintStream(java.io.OutputStream.nullOutputStream());
                return request(s, "status", null, false, List.of(), none, none) == 0;
            } catch (IOException e) {
                return false;
            }
        }
        return false;
    }

    /** Runs a command line on the service, its output copied to out and err; returns its exit code. */
    public static int run(ServiceWire.State s, Path cwd, boolean terminal, List<String> args, PrintStream out, PrintStream err)
            throws IOException {
        return request(s, "run", cwd.toAbsolutePath().toString(), terminal, args, out, err);
    }

    /** Sends one request and copies the answer's frames until its exit code. */
    public static int request(ServiceWire.State s, String verb, String cwd, boolean terminal, List<String> args, PrintStream out,
                              PrintStream err) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), s.controlPort()), CONNECT_TIMEOUT_MS);
            ServiceWire.writeRequest(new BufferedOutputStream(socket.getOutputStream()),
                    new ServiceWire.Request(s.token(), verb, cwd, terminal, args));
            DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            while (true) {
                ServiceWire.Frame f;
                try {
                    f = ServiceWire.readFrame(in);
                } catch (EOFException e) {
                    throw new IOException("the service closed the connection before the end (see " + ServiceHome.log() + ")");
                }
                switch (f.channel()) {
                    case ServiceWire.STDOUT -> out.write(f.bytes());
                    case ServiceWire.STDERR -> err.write(f.bytes());
                    default -> {
                        out.flush();
                        err.flush();
                        return f.exitCode();
                    }
                }
            }
        }
    }
}

package org.spectralflow.codec;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The local service's two formats: its state file (Java properties: where its broker, Flink REST
 * endpoint and control port are, its pid, secret token and build) and the frames of its control
 * connection. A request is the token, a verb and, for {@code run}, the client's working directory,
 * whether its stderr is a terminal and the command's arguments; the answer is a stream of frames
 * (1 stdout, 2 stderr bytes; 0 the exit code, last).
 */
public final class ServiceWire {
    /** Largest request or frame accepted: a command line is small; anything bigger is not ours. */
    public static final int MAX_FRAME = 1 << 20;
    public static final byte STDOUT = 1, STDERR = 2, EXIT = 0;

    /** The service's state file. */
    public record State(long pid, String bootstrap, String restUrl, int controlPort, String token, String build, int slots,
                        long startedMillis) {}

    /** One request: {@code verb} is run, status or shutdown; cwd, terminal and args only for run. */
    public record Request(String token, String verb, String cwd, boolean terminal, List<String> args) {}

    private ServiceWire() {}

    public static void writeState(Path file, State s) throws IOException {
        Properties p = new Properties();
        p.setProperty("pid", String.valueOf(s.pid()));
        p.setProperty("bootstrap", s.bootstrap());
        p.setProperty("rest", s.restUrl());
        p.setProperty("control-port", String.valueOf(s.controlPort()));
        p.setProperty("token", s.token());
        p.setProperty("build", s.build());
        p.setProperty("slots", String.valueOf(s.slots()));
        p.setProperty("started", String.valueOf(s.startedMillis()));
        StringWriter w = new StringWriter();
        p.store(w, "spectralflow service: written by `spectralflow up`, removed by `spectralflow down`");
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, w.toString());
        try {
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the token is only as private as the directory
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** The state in {@code file}, or null when there is none or it is not a complete state file. */
    public static State readState(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_FRAME) return null;
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(file)));
            return new State(Long.parseLong(p.getProperty("pid")), p.getProperty("bootstrap"), p.getProperty("rest"),
                    Integer.parseInt(p.getProperty("control-port")), p.getProperty("token"), p.getProperty("build"),
                    Integer.parseInt(p.getProperty("slots")), Long.parseLong(p.getProperty("started")));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    public static void writeRequest(OutputStream out, Request r) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        List<String> fields = new ArrayList<>(List.of(r.token(), r.verb(), r.cwd() == null ? "" : r.cwd(), String.valueOf(r.terminal())));
        fields.addAll(r.args());
        d.writeInt(fields.size());
        for (String f : fields) writeBytes(d, f.getBytes(StandardCharsets.UTF_8));
        d.flush();
    }

    /** Reads a request; throws IOException on anything malformed or oversized. */
    public static Request readRequest(InputStream in) throws IOException {
        DataInputStream d = new DataInputStream(in);
        int count = d.readInt();
        if (count < 4 || count > 10_000) throw new IOException("not a spectralflow service request");
        List<String> fields = new ArrayList<>();
        long total = 0;
        for (int i = 0; i < count; i++) {
            byte[] b = readBytes(d);
            total += b.length;
            if (total > MAX_FRAME) throw new IOException("request too large");
            fields.add(new String(b, StandardCharsets.UTF_8));
        }
        return new Request(fields.get(0), fields.get(1), fields.get(2), Boolean.parseBoolean(fields.get(3)),
                List.copyOf(fields.subList(4, fields.size())));
    }

    /** One frame of output (STDOUT or STDERR) or the exit code (EXIT, 4 bytes). */
    public static void writeFrame(DataOutputStream d, byte channel, byte[] b, int off, int len) throws IOException {
        d.writeByte(channel);
        d.writeInt(len);
        d.write(b, off, len);
        d.flush();
    }

    public static void writeExit(DataOutputStream d, int code) throws IOException {
        writeFrame(d, EXIT, java.nio.ByteBuffer.allocate(4).putInt(code).array(), 0, 4);
    }

    /** A frame read back: its channel and bytes. */
    public record Frame(byte channel, byte[] bytes) {
        public int exitCode() {
            return java.nio.ByteBuffer.wrap(bytes).getInt();
        }
    }

    public static Frame readFrame(DataInputStream d) throws IOException {
        byte channel = d.readByte();
        byte[] b = readBytes(d);
        if (channel == EXIT && b.length != 4 || channel < 0 || channel > 2) throw new IOException("malformed service frame");
        return new Frame(channel, b);
    }

    private static void writeBytes(DataOutputStream d, byte[] b) throws IOException {
        d.writeInt(b.length);
        d.write(b);
    }

    private static byte[] readBytes(DataInputStream d) throws IOException {
        int n = d.readInt();
        if (n < 0 || n > MAX_FRAME) throw new IOException("frame of " + n + " bytes");
        byte[] b = d.readNBytes(n);
        if (b.length != n) throw new java.io.EOFException("connection closed inside a frame");
        return b;
    }
}

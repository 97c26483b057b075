package org.spectralflow.codec;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local service's state file and control frames: round trips, and what a stray or hostile connection sends. */
class ServiceWireTest {
    @TempDir
    Path dir;

    @Test
    void stateFileRoundTripsAndIsTheOwnersOnly() throws Exception {
        ServiceWire.State s = new ServiceWire.State(4242, "127.0.0.1:9092", "http://localhost:8081", 40123, "ab12", "/x.jar:1:2", 2, 17);
        Path f = dir.resolve("service.properties");
        ServiceWire.writeState(f, s);
        assertEquals(s, ServiceWire.readState(f));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        Files.writeString(f, "pid=12\nbootstrap=x\n"); // incomplete
        assertNull(ServiceWire.readState(f));
        Files.writeString(f, "pid=twelve\n");
        assertNull(ServiceWire.readState(f));
        assertNull(ServiceWire.readState(dir.resolve("none")));
    }

    @Test
    void requestsAndFramesRoundTrip() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ServiceWire.Request r = new ServiceWire.Request("tok", "run", "/home/u", true, List.of("sweep", "--n", "8", "ü"));
        ServiceWire.writeRequest(b, r);
        assertEquals(r, ServiceWire.readRequest(new ByteArrayInputStream(b.toByteArray())));

        ByteArrayOutputStream f = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(f);
        byte[] text = "hello\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ServiceWire.writeFrame(d, ServiceWire.STDERR, text, 0, text.length);
        ServiceWire.writeExit(d, 3);
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(f.toByteArray()));
        ServiceWire.Frame first = ServiceWire.readFrame(in);
        assertEquals(ServiceWire.STDERR, first.channel());
        assertArrayEquals(text, first.bytes());
        assertEquals(3, ServiceWire.readFrame(in).exitCode());
    }

    @Test
    void garbageOversizeAndTruncationAreIoErrorsNotAllocations() throws Exception {
        // an HTTP request sent to the control port by mistake: "GET " read as a field count
        assertThrows(IOException.class, () -> ServiceWire.readRequest(new ByteArrayInputStream("GET / HTTP/1.1\r\n\r\n".getBytes())));
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(5);
        d.writeInt(Integer.MAX_VALUE); // a field claiming 2 GiB
        assertThrows(IOException.class, () -> ServiceWire.readRequest(new ByteArrayInputStream(b.toByteArray())));
        ByteArrayOutputStream t = new ByteArrayOutputStream();
        ServiceWire.writeRequest(t, new ServiceWire.Request("tok", "run", "/", false, List.of("sweep")));
        byte[] cut = java.util.Arrays.copyOf(t.toByteArray(), t.size() - 2);
        assertThrows(IOException.class, () -> ServiceWire.readRequest(new ByteArrayInputStream(cut)));
        assertThrows(IOException.class, () -> ServiceWire.readFrame(new DataInputStream(new ByteArrayInputStream(new byte[] {7, 0, 0, 0, 0}))));
        assertThrows(IOException.class, () -> ServiceWire.readFrame(new DataInputStream(new ByteArrayInputStream(new byte[] {0, 0, 0, 0, 1, 9}))));
    }
}

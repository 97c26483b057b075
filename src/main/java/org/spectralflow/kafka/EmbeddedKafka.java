package org.spectralflow.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.spectralflow.io.TempDirs;

/**
 * A single-node Kafka broker (KRaft, broker and controller in one) inside this JVM, on free
 * loopback ports, with its data in a temporary directory removed on {@link #close}. It is the
 * default when no {@code --bootstrap-servers} is given, and what the tests run against.
 */
public final class EmbeddedKafka implements AutoCloseable {
    private static final int MAX_MESSAGE_BYTES = TopicAdmin.MAX_MESSAGE_BYTES;

    private final Path dir;
    private final KafkaRaftServer server;
    private final String bootstrap;

    private final org.spectralflow.io.CloseOnce closing = new org.spectralflow.io.CloseOnce();

    private EmbeddedKafka(Path dir, KafkaRaftServer server, String bootstrap) {
        this.dir = dir;
        this.server = server;
        this.bootstrap = bootstrap;
    }

    public static EmbeddedKafka start() throws Exception {
        return start(0);
    }

    /** @param preferredPort the client port to listen on if it is free; 0 (or a taken port) means any free port */
    public static EmbeddedKafka start(int preferredPort) throws Exception {
        Path dir = TempDirs.create("spectralflow-kafka-");
        int port = preferredPort > 0 && isFree(preferredPort) ? preferredPort : freePort(), controllerPort = freePort();
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", dir.toString());
        p.put("num.partitions", "2");
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "2");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "2");
        p.put("transaction.max.timeout.ms", "3600000");
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("message.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        p.put("replica.fetch.max.bytes", String.valueOf(MAX_MESSAGE_BYTES));
        p.put("auto.create.topics.enable", "true");
        p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
        KafkaConfig config = KafkaConfig.fromProps(p, false);

        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setNodeId(1)
                .setClusterId(Uuid.randomUuid().toString())
                .setDirectories(List.of(dir.toString()))
                .setMetadataLogDirectory(dir.toString())
                .setReleaseVersion(MetadataVersion.latestProduction())
                .setControllerListenerName("CONTROLLER")
                .run();

        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        EmbeddedKafka k = new EmbeddedKafka(dir, server, "127.0.0.1:" + port);
        TempDirs.stopAtExit(k); // stopped before its directory is removed at exit
        TopicAdmin.awaitReady(k.bootstrapServers(), java.util.Map.of(), 60_000);
        return k;
    }

    public String bootstrapServers() {
        return bootstrap;
    }

    @Override
    public void close() {
        if (!closing.begin()) return; // by the owner, or at exit: once, the other waiting for it
        try {
            server.shutdown();
            server.awaitShutdown();
        } finally {
            TempDirs.delete(dir);
            TempDirs.stopped(this);
            closing.done();
        }
    }

    private static boolean isFree(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}

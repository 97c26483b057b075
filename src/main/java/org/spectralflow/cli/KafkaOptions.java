package org.spectralflow.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.Option;

/** Where Kafka is and how to talk to it: any client property passes through (SASL, TLS, ...). */
final class KafkaOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]", description = "The Kafka cluster to use. Without it, "
            + "sweep and monitor start an embedded broker in this process; every other command needs it.")
    String bootstrapServers;

    /** How long a command waits for an unreachable cluster before it says so. */
    static final long REACH_TIMEOUT_MS = 5_000;

    /**
     * The external cluster's address, once it has answered: a command that needs one says so at
     * once when it is missing (misuse, exit 2), and within a few seconds when nothing answers there.
     */
    String external() throws Exception {
        requireReachable(servers());
        return bootstrapServers;
    }

    /** The external cluster's address, which this command needs (misuse, exit 2, when it is missing). */
    String servers() {
        if (bootstrapServers == null)
            throw new IllegalArgumentException("--bootstrap-servers is required: this command talks to a running Kafka");
        return bootstrapServers;
    }

    /** Fails (exit 1) with the address tried when no broker answers there within a few seconds. */
    void requireReachable(String bootstrap) throws Exception {
        try {
            org.spectralflow.kafka.TopicAdmin.awaitReady(bootstrap, clientProperties(), REACH_TIMEOUT_MS);
        } catch (IllegalStateException e) {
            throw new IllegalStateException("cannot reach Kafka at " + bootstrap + " within " + REACH_TIMEOUT_MS / 1000
                    + " s (is it running, and is --bootstrap-servers right?)");
        }
    }

    @Option(names = "--kafka-property", paramLabel = "KEY=VALUE", description = "A Kafka client property (repeatable), e.g. security.protocol=SASL_SSL.")
    Map<String, String> properties = new LinkedHashMap<>();

    @Option(names = "--kafka-config", paramLabel = "FILE", description = "A .properties file of Kafka client properties (as for the Kafka CLI tools).")
    Path configFile;

    Map<String, String> clientProperties() {
        Map<String, String> out = new LinkedHashMap<>();
        if (configFile != null) {
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(configFile)) {
                p.load(r);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read --kafka-config " + configFile + ": " + e.getMessage());
            }
            p.forEach((k, v) -> out.put(k.toString(), v.toString()));
        }
        out.putAll(properties);
        out.remove("bootstrap.servers");
        return out;
    }
}

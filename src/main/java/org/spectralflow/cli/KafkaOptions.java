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
    @Option(names = "--bootstrap-servers", description = "An external Kafka cluster; without it an embedded broker runs in this process.")
    String bootstrapServers;

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

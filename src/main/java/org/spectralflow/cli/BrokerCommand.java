package org.spectralflow.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.spectralflow.kafka.EmbeddedKafka;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spectralflow broker}: a single-node Kafka broker (KRaft) in this process until interrupted. */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run a single-node Kafka broker (KRaft) on loopback until interrupted; prints its address.")
final class BrokerCommand implements Callable<Integer> {
    @Option(names = "--port", description = "Client port (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port = 9092;

    @Override
    public Integer call() throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        try (EmbeddedKafka k = EmbeddedKafka.start(port)) {
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            System.out.println("broker " + k.bootstrapServers());
            System.out.flush();
            stop.await();
        }
        return 0;
    }
}

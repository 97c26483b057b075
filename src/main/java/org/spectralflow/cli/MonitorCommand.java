package org.spectralflow.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.spectralflow.job.MonitorJobConfig;
import org.spectralflow.kafka.EmbeddedKafka;
import org.spectralflow.run.MonitorRunner;
import picocli.CommandLine.Command;
import org.spectralflow.dashboard.Dashboard;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spectralflow monitor}: the monitor job in one command, printing alerts as they come. */
@Command(name = "monitor", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Monitor live training weights: read sf.weights, write sf.health and sf.alerts, print alerts.",
                "Without --bootstrap-servers it starts an embedded Kafka broker (port 9092 if free) and a Flink MiniCluster."})
final class MonitorCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Mixin
    MonitorOptions monitor;

    @Mixin
    DashboardOptions http;

    @Option(names = "--parallelism", description = "Flink parallelism (default: the number of cores, ${DEFAULT-VALUE}).")
    int parallelism = Runtime.getRuntime().availableProcessors();

    @Option(names = "--embedded-port", description = "Port of the embedded broker, if free (default: ${DEFAULT-VALUE}).")
    int embeddedPort = 9092;

    @Option(names = "--state-dir", description = "With --bootstrap-servers: keep checkpoints here and resume from the newest "
            + "on the next start, so regimes and trends survive a restart (default: ${DEFAULT-VALUE}).")
    java.nio.file.Path stateDir = java.nio.file.Path.of("runs/monitor-state");

    @Option(names = "--duration", description = "Stop after this many seconds (default: run until interrupted).")
    long durationSeconds = 0;

    @Override
    public Integer call() throws Exception {
        java.util.Map<String, String> kafkaProps = kafka.clientProperties();
        monitor.config("unused", kafkaProps, parallelism); // checks every option before anything starts
        if (parallelism < 1) throw new IllegalArgumentException("--parallelism must be at least 1");
        if (durationSeconds < 0) throw new IllegalArgumentException("--duration must not be negative");
        http.check();
        EmbeddedKafka embedded = null;
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(stop::countDown);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            String bootstrap = kafka.bootstrapServers;
            if (bootstrap == null) {
                embedded = EmbeddedKafka.start(embeddedPort);
                bootstrap = embedded.bootstrapServers();
                if (!bootstrap.endsWith(":" + embeddedPort))
                    System.err.println("port " + embeddedPort + " is taken: the embedded broker listens on " + bootstrap
                            + " instead (publish there, e.g. with --bootstrap-servers " + bootstrap + ")");
            } else {
                kafka.requireReachable(bootstrap);
            }
            MonitorJobConfig cfg = monitor.config(bootstrap, kafkaProps, parallelism);
            // an embedded broker's topics die with this process, and so may the job's state
            try (MonitorRunner runner = MonitorRunner.start(cfg, monitor.weightPartitions, embedded == null ? stateDir : null,
                    System.err)) {
                try (Dashboard dashboard = http.port == 0 ? null
                        : Dashboard.start(bootstrap, kafkaProps, cfg.healthTopic(), cfg.alertsTopic(), http.bind, http.port)) {
                if (dashboard != null) System.err.println("dashboard: " + dashboard.url());
                System.err.println("monitoring: publish weights to topic " + cfg.weightsTopic() + " at " + bootstrap);
                System.err.println("  e.g. java -jar spectralflow.jar publish-weights --bootstrap-servers " + bootstrap
                        + " --model my-model --layer rnn.weight_hh_l0 --step 0 weights.npy");
                System.err.println("  health: " + cfg.healthTopic() + ", alerts: " + cfg.alertsTopic() + ", rejects: "
                        + cfg.dlqTopic() + "; follow them with: java -jar spectralflow.jar watch --bootstrap-servers " + bootstrap);
                long deadline = durationSeconds > 0 ? System.nanoTime() + durationSeconds * 1_000_000_000L : Long.MAX_VALUE;
                runner.follow(System.out, System.err, () -> stop.getCount() > 0 && System.nanoTime() < deadline);
                }
            }
            return 0;
        } finally {
            if (embedded != null) embedded.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }

}

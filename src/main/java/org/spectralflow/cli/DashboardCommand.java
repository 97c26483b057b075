package org.spectralflow.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.spectralflow.dashboard.Dashboard;
import org.spectralflow.job.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spectralflow dashboard}: the live dashboard of any cluster's sf.health and sf.alerts. */
@Command(name = "dashboard", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve the live monitoring dashboard from sf.health and sf.alerts of a Kafka cluster.",
                "The page lists every (model, layer), plots ρ and the gradient rate against training step, and shows alerts",
                "as they are committed. Assets come from the jar; nothing is fetched from the network."})
final class DashboardCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Mixin
    DashboardOptions http;

    @Option(names = "--duration", description = "Stop after this many seconds (default: run until interrupted).")
    long durationSeconds = 0;

    @Override
    public Integer call() throws Exception {
        http.check();
        if (http.port == 0) throw new IllegalArgumentException("--http-port 0 would serve nothing: give a port");
        if (durationSeconds < 0) throw new IllegalArgumentException("--duration must not be negative");
        kafka.external();
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(stop::countDown);
        Runtime.getRuntime().addShutdownHook(hook);
        try (Dashboard d = Dashboard.start(kafka.bootstrapServers, kafka.clientProperties(), Topics.HEALTH, Topics.ALERTS, http.bind,
                http.port)) {
            System.err.println("dashboard: " + d.url() + " (reading " + Topics.HEALTH + " and " + Topics.ALERTS + " at "
                    + kafka.bootstrapServers + ")");
            if (durationSeconds > 0) stop.await(durationSeconds, TimeUnit.SECONDS);
            else stop.await();
            if (d.failure() != null) throw d.failure();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
        return 0;
    }
}

package org.spectralflow.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.spectralflow.codec.AlertCodec;
import org.spectralflow.job.MonitorJob;
import org.spectralflow.job.MonitorJobConfig;
import org.spectralflow.job.MonitorTopics;
import org.spectralflow.job.SweepRunner;
import org.spectralflow.kafka.EmbeddedKafka;
import org.spectralflow.kafka.RejectionReporter;
import org.spectralflow.kafka.TopicFollower;
import picocli.CommandLine.Command;
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
        EmbeddedKafka embedded = null;
        JobClient job = null;
        java.nio.file.Path checkpoints = null;
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(stop::countDown);
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            String bootstrap = kafka.bootstrapServers;
            if (bootstrap == null) {
                embedded = EmbeddedKafka.start(embeddedPort);
                bootstrap = embedded.bootstrapServers();
            }
            MonitorJobConfig cfg = monitor.config(bootstrap, kafkaProps, parallelism);
            MonitorTopics.ensure(cfg, monitor.weightPartitions);
            org.apache.flink.configuration.Configuration conf = SweepRunner.flinkConfiguration();
            if (embedded == null) {
                // an external broker outlives this process, so the job's state should too
                org.spectralflow.job.Checkpoints.retainAndRestore(conf, stateDir)
                        .ifPresent(p -> System.err.println("resuming from checkpoint " + p));
            } else {
                checkpoints = org.spectralflow.job.Checkpoints.temporary(conf);
            }
            StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism, conf);
            MonitorJob.build(env, cfg);
            job = env.executeAsync("spectralflow monitor");
            System.err.println("monitoring: publish weights to topic " + cfg.weightsTopic() + " at " + bootstrap);
            System.err.println("  e.g. java -jar spectralflow.jar publish-weights --bootstrap-servers " + bootstrap
                    + " --model my-model --layer rnn.weight_hh_l0 --step 0 weights.npy");
            System.err.println("  health: " + cfg.healthTopic() + ", alerts: " + cfg.alertsTopic() + ", rejects: " + cfg.dlqTopic()
                    + "; follow them with: java -jar spectralflow.jar watch --bootstrap-servers " + bootstrap);
            long deadline = durationSeconds > 0 ? System.nanoTime() + durationSeconds * 1_000_000_000L : Long.MAX_VALUE;
            try (TopicFollower alerts = new TopicFollower(bootstrap, kafkaProps, List.of(cfg.alertsTopic()), false);
                 RejectionReporter rejections = new RejectionReporter(bootstrap, kafkaProps, cfg.dlqTopic(), System.err,
                         Duration.ofSeconds(5))) {
                while (stop.getCount() > 0 && System.nanoTime() < deadline && !job.getJobExecutionResult().isDone()) {
                    rejections.poll(Duration.ZERO);
                    for (TopicFollower.Message m : alerts.poll(Duration.ofMillis(500))) {
                        try {
                            System.out.println("ALERT " + AlertCodec.decode(m.value()).message());
                        } catch (RuntimeException e) {
                            // not an alert of ours
                        }
                    }
                }
            }
            if (job.getJobExecutionResult().isDone()) job.getJobExecutionResult().get();
            return 0;
        } finally {
            if (job != null && !job.getJobExecutionResult().isDone()) job.cancel().get();
            if (embedded != null) embedded.close();
            if (checkpoints != null) org.spectralflow.io.TempDirs.delete(checkpoints);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
        }
    }

}

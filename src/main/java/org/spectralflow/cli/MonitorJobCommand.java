package org.spectralflow.cli;

import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.spectralflow.job.MonitorJob;
import org.spectralflow.job.MonitorJobConfig;
import org.spectralflow.run.JobEnvironments;
import org.spectralflow.run.MonitorTopics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spectralflow monitor-job}: the monitor job alone, for {@code flink run} on a cluster. */
@Command(name = "monitor-job", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run the monitor job against an external Kafka: sf.weights in; sf.health, sf.alerts, sf.dlq out.",
                "Submit with: flink run -c org.spectralflow.cli.JobMain spectralflow-job.jar monitor-job --bootstrap-servers ..."})
final class MonitorJobCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Mixin
    MonitorOptions monitor;

    @Option(names = "--parallelism", description = "Job parallelism (default: the cluster's default).")
    Integer parallelism;

    @Option(names = "--state-dir", description = "Keep checkpoints here and resume from the newest when started again "
            + "(default under java -jar: runs/monitor-job-state; under flink run: the cluster's checkpoint directory).")
    java.nio.file.Path stateDir;

    @Override
    public Integer call() throws Exception {
        String bootstrap = kafka.servers();
        java.util.Map<String, String> kafkaProps = kafka.clientProperties();
        monitor.config(bootstrap, kafkaProps, 1); // checks every option before anything starts
        if (parallelism != null && parallelism < 1) throw new IllegalArgumentException("--parallelism must be at least 1");
        kafka.requireReachable(bootstrap);
        StreamExecutionEnvironment env = JobEnvironments.create(stateDir, java.nio.file.Path.of("runs", "monitor-job-state"),
                monitor.checkpointMs);
        MonitorJobConfig cfg = monitor.config(kafka.bootstrapServers, kafkaProps,
                parallelism != null ? parallelism : env.getParallelism());
        MonitorTopics.ensure(cfg, monitor.weightPartitions);
        MonitorJob.build(env, cfg);
        env.execute("spectralflow monitor-job");
        return 0;
    }
}

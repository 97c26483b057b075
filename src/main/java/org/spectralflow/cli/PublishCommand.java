package org.spectralflow.cli;

import java.util.concurrent.Callable;
import org.spectralflow.job.SweepJobConfig;
import org.spectralflow.kafka.SpecPublisher;
import org.spectralflow.model.SweepGrid;
import org.spectralflow.run.SweepRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spectralflow publish}: expand a grid into spec records on an external Kafka's sf.specs. */
@Command(name = "publish", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Publish a sweep grid to sf.specs (creating the topics if missing), for a running sweep-job.")
final class PublishCommand implements Callable<Integer> {
    @Mixin
    GridOptions grid;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--spec-partitions", description = "Partitions of sf.specs when created here (default: ${DEFAULT-VALUE}).")
    int specPartitions = org.spectralflow.job.Defaults.partitions(org.spectralflow.job.Topics.SPECS);

    @Override
    public Integer call() throws Exception {
        String bootstrap = kafka.servers();
        if (specPartitions < 1) throw new IllegalArgumentException("--spec-partitions must be at least 1");
        SweepGrid g = grid.grid();
        java.util.Map<String, String> kafkaProps = kafka.clientProperties();
        kafka.requireReachable(bootstrap);
        SweepJobConfig cfg = SweepJobConfig.defaults(kafka.bootstrapServers).withKafka(kafkaProps,
                org.spectralflow.codec.MatrixCodec.DEFAULT_MAX_N, 10_000, "unused", "unused");
        SweepRunner.ensureTopics(cfg, specPartitions);
        SpecPublisher.Published n = SpecPublisher.publish(cfg.bootstrapServers(), cfg.kafkaProperties(), cfg.specsTopic(), 
                g.blocks(grid.blockTrials, specPartitions), sent -> System.err.println("published " + sent));
        System.out.println("published " + n.records() + " specs (" + n.bytes() + " bytes, " + g.size() + " trials) of sweep " + g.sweep() + " (" + g.cells()
                + " cells) to " + cfg.specsTopic());
        return 0;
    }
}

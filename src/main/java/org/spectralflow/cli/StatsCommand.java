package org.spectralflow.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.spectralflow.job.Topics;
import org.spectralflow.kafka.StatsFollower;
import org.spectralflow.model.CellAggregate;
import org.spectralflow.report.StatsFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spectralflow stats}: read a sweep's final statistics back from sf.stats and write the run files. */
@Command(name = "stats", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Collect the final statistics of a sweep from sf.stats (committed records) into runs/<sweep>/.")
final class StatsCommand implements Callable<Integer> {
    @Option(names = "--sweep", required = true, description = "The sweep's name.")
    String sweep;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--out", description = "Directory of run outputs (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("runs");

    @Override
    public Integer call() throws Exception {
        kafka.external();
        List<CellAggregate> finals = StatsFollower.collect(kafka.bootstrapServers, kafka.clientProperties(), Topics.STATS, sweep);
        StatsFiles.write(out.resolve(sweep), finals);
        System.out.print(StatsFiles.table(finals));
        System.out.println("wrote " + out.resolve(sweep).resolve("stats.csv"));
        return 0;
    }
}

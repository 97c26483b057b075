package org.spectralflow.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.spectralflow.codec.GridCodec;
import org.spectralflow.job.Topics;
import org.spectralflow.kafka.StatsFollower;
import org.spectralflow.model.CellAggregate;
import org.spectralflow.model.SweepGrid;
import org.spectralflow.report.Report;
import org.spectralflow.report.StatsFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spectralflow report}: report.html and plots from a run directory or from sf.stats. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Build runs/<sweep>/report.html and its plots from a sweep's final statistics.",
                "They come from the run directory's stats.json, or, with --bootstrap-servers, straight from sf.stats."})
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--sweep", required = true, description = "The sweep's name.")
    String sweep;

    @Option(names = "--out", description = "Directory of run outputs (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("runs");

    @Mixin
    KafkaOptions kafka;

    @Override
    public Integer call() throws Exception {
        Path dir = out.resolve(sweep);
        List<CellAggregate> finals;
        if (kafka.bootstrapServers != null) {
            kafka.requireReachable(kafka.bootstrapServers);
            finals = StatsFollower.collect(kafka.bootstrapServers, kafka.clientProperties(), Topics.STATS, sweep);
            StatsFiles.write(dir, finals);
        } else {
            if (!Files.isDirectory(dir)) throw new IllegalArgumentException("no run directory " + dir + " (give --out, or --bootstrap-servers)");
            finals = StatsFiles.read(dir);
        }
        Path gridFile = dir.resolve("sweep.json");
        SweepGrid grid = Files.exists(gridFile) ? GridCodec.decode(Files.readAllBytes(gridFile)) : null;
        List<Report.Plot> plots = Report.write(dir, finals, grid);
        System.out.println("wrote " + dir.resolve("report.html") + " with " + plots.size() + " plots");
        return 0;
    }
}

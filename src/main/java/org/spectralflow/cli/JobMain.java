package org.spectralflow.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the job jar on a Flink cluster ({@code flink run} or REST submission): the
 * {@code sweep-job} and {@code monitor-job} commands, and never {@code System.exit}, which would
 * take a JobManager down with it when the job is submitted through the web endpoint.
 */
@Command(name = "spectralflow-job", mixinStandardHelpOptions = true,
        subcommands = {SweepJobCommand.class, MonitorJobCommand.class})
public final class JobMain implements Runnable {
    public static void main(String[] args) throws Exception {
        CommandLine cl = new CommandLine(new JobMain());
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            throw ex;
        });
        int code = cl.execute(args);
        if (code != 0) throw new IllegalArgumentException("spectralflow-job: invalid arguments (see above)");
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "give a command: sweep-job or monitor-job");
    }
}

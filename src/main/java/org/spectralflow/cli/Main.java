package org.spectralflow.cli;

import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/** The {@code spectralflow} command line: one subcommand per thing a user does. */
@Command(name = "spectralflow", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Spectra, explosion and vanishing of recurrent weight matrices, on Flink and Kafka.",
        subcommands = {SweepCommand.class, AnalyzeCommand.class, MonitorCommand.class, PublishWeightsCommand.class, WatchCommand.class,
                PublishCommand.class, SweepJobCommand.class, MonitorJobCommand.class, StatsCommand.class, ReportCommand.class, LocalClusterCommand.class, BrokerCommand.class,
                InfoCommand.class, DashboardCommand.class, ServiceCommands.Up.class, ServiceCommands.Status.class,
                ServiceCommands.Down.class, ServiceCommands.Serve.class})
public final class Main implements Runnable {
    /** Exit codes: 0 done; 1 a run failed; 2 misuse (a bad option or input); 3 done, but some records were rejected (see sf.dlq). */
    static final int EXIT_FAILED = 1, EXIT_MISUSE = 2, EXIT_REJECTED = 3;

    /** netlib reports through java.util.logging which fallback it did not load; users need only `info`. */
    private static final java.util.logging.Logger NETLIB = java.util.logging.Logger.getLogger("dev.ludovic.netlib");

    static {
        NETLIB.setLevel(java.util.logging.Level.SEVERE);
    }

    public static void main(String[] args) {
        Integer warm = SweepCommand.onServiceAtOnce(args);
        System.exit(warm != null ? warm : run(args));
    }

    /** Runs the command line and returns its exit code (0 ok, 1 failure, 2 misuse). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("spectralflow: " + ex.getMessage() + " (try --help)");
            err.flush();
            return EXIT_MISUSE;
        });
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            PrintWriter err = c.getErr();
            err.println("spectralflow " + c.getCommandName() + ": " + describe(ex));
            err.flush();
            return ex instanceof IllegalArgumentException ? EXIT_MISUSE : EXIT_FAILED;
        });
        return cl;
    }

    /**
     * One line: the failure's own message and, when it only wraps another ("Job execution
     * failed."), the root cause that says what went wrong.
     */
    static String describe(Throwable ex) {
        String top = firstLine(ex);
        Throwable root = ex;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 50; depth++) root = root.getCause();
        if (root == ex) return top;
        String cause = root.getClass().getSimpleName() + ": " + firstLine(root);
        return top.contains(firstLine(root)) ? top : top + " (root cause: " + cause + ")";
    }

    private static String firstLine(Throwable t) {
        String m = t.getMessage();
        if (m == null || m.isBlank()) return t.getClass().getSimpleName();
        String line = m.strip().split("\n")[0];
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"spectralflow " + (v == null ? "dev" : v)};
        }
    }
}

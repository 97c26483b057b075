package org.spectralflow.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.spectralflow.codec.ServiceWire;
import org.spectralflow.service.Service;
import org.spectralflow.service.ServiceClient;
import org.spectralflow.service.ServiceHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code up}, {@code status}, {@code down}: the warm local service that sweeps attach to (and its hidden {@code serve}). */
final class ServiceCommands {
    private ServiceCommands() {}

    @Command(name = "up", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Start the warm local service: a Kafka broker and a Flink MiniCluster that stay up.",
                    "They run in a background process; while it runs, `sweep` without --bootstrap-servers runs on it",
                    "(no JVM, broker or cluster start-up of its own). State and log in ~/.spectralflow (or $SPECTRALFLOW_HOME)."})
    static final class Up implements Callable<Integer> {
        @Option(names = "--slots", description = "Task slots of the MiniCluster: the largest --parallelism a sweep may use (default: the number of cores, ${DEFAULT-VALUE}).")
        int slots = Runtime.getRuntime().availableProcessors();

        @Option(names = "--port", description = "Kafka client port, if free (default: ${DEFAULT-VALUE}; else any free port).")
        int port = 9092;

        @Option(names = "--heap", description = "Maximum heap of the service process, as for java -Xmx (default: the JVM's).")
        String heap;

        @Option(names = "--timeout", description = "Seconds to wait for it to come up (default: ${DEFAULT-VALUE}).")
        int timeout = 120;

        @Option(names = "--no-warm-up", description = "Come up without first running one small sweep (which makes the first sweep sent to it as fast as later ones).")
        boolean noWarmUp;

        @Override
        public Integer call() throws Exception {
            if (slots < 1 || slots > 1024) throw new IllegalArgumentException("--slots must be from 1 to 1024");
            if (port < 0 || port > 65535) throw new IllegalArgumentException("--port must be from 0 to 65535 (0: any free port)");
            if (timeout < 1) throw new IllegalArgumentException("--timeout must be at least 1 s");
            if (heap != null && !heap.matches("[0-9]+[kKmMgG]?")) throw new IllegalArgumentException("--heap must look like 4g or 512m");
            ServiceWire.State running = ServiceWire.readState(ServiceHome.stateFile());
            if (running != null && ServiceClient.alive(running)) {
                System.out.println("already up (pid " + running.pid() + "): Kafka at " + running.bootstrap()
                        + (running.build().equals(ServiceHome.build()) ? "" : "; it runs another build: `spectralflow down`, then `up`"));
                return 0;
            }
            Files.createDirectories(ServiceHome.dir());
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            if (heap != null) cmd.add("-Xmx" + heap);
            cmd.addAll(FastStart.archiveOptions()); // its start is class loading too; it stays up, so C2 as usual
            cmd.addAll(List.of("-Dspectralflow.home=" + ServiceHome.dir().toAbsolutePath(), "-cp",
                    FastStart.jar() != null ? FastStart.jar().toString() : System.getProperty("java.class.path"), Main.class.getName(), "serve", "--slots", String.valueOf(slots), "--port", String.valueOf(port)));
            if (!noWarmUp) cmd.add("--warm-up");
            Path log = ServiceHome.log();
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .start();
            long deadline = System.currentTimeMillis() + timeout * 1000L;
            while (System.currentTimeMillis() < deadline) {
                ServiceWire.State s = ServiceWire.readState(ServiceHome.stateFile());
                if (s != null && s.pid() == p.pid() && ServiceClient.alive(s)) {
                    System.out.printf("spectralflow service up (pid %d): Kafka at %s, Flink REST at %s, %d slots; sweeps run on it "
                            + "until `spectralflow down` (log: %s)%n", s.pid(), s.bootstrap(), s.restUrl(), s.slots(), log);
                    return 0;
                }
                if (!p.isAlive())
                    throw new IllegalStateException("the service exited with code " + p.exitValue() + " while starting; see " + log);
                Thread.sleep(100);
            }
            p.destroy();
            throw new IllegalStateException("the service did not come up within " + timeout + " s; see " + log);
        }

        private static java.io.File nullDevice() {
            return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "Say whether the local service runs, where, and what it is doing (exit 0 up, 1 not).")
    static final class Status implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            ServiceWire.State s = ServiceWire.readState(ServiceHome.stateFile());
            if (s == null) {
                System.out.println("spectralflow service: not running (no " + ServiceHome.stateFile() + ")");
                return 1;
            }
            if (!ServiceClient.processAlive(s)) {
                System.out.println("spectralflow service: not running (its pid " + s.pid() + " is gone; `spectralflow up` starts it)");
                return 1;
            }
            int code = ServiceClient.request(s, "status", null, false, List.of(), System.out, System.err);
            if (code == 0 && !s.build().equals(ServiceHome.build()))
                System.out.println("it runs another build than this one, so sweeps do not use it: `spectralflow down`, then `up`");
            return code == 0 ? 0 : 1;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true, description = "Stop the local service (a sweep it is running is cancelled).")
    static final class Down implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            ServiceWire.State s = ServiceWire.readState(ServiceHome.stateFile());
            if (s == null || !ServiceClient.processAlive(s)) {
                Files.deleteIfExists(ServiceHome.stateFile());
                System.out.println("spectralflow service: not running");
                return 0;
            }
            ProcessHandle h = ProcessHandle.of(s.pid()).orElseThrow();
            try {
                ServiceClient.request(s, "shutdown", null, false, List.of(), System.out, System.err);
            } catch (java.io.IOException e) {
                h.destroy(); // no answer on its port: SIGTERM, whose hook stops it the same way
            }
            try {
                h.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                h.destroyForcibly();
            }
            Files.deleteIfExists(ServiceHome.stateFile());
            System.out.println("spectralflow service: stopped");
            return 0;
        }
    }

    @Command(name = "serve", hidden = true, mixinStandardHelpOptions = true, description = "The service process that `up` starts (not for direct use).")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--slots", description = "Task slots of the MiniCluster.")
        int slots = Runtime.getRuntime().availableProcessors();

        @Option(names = "--port", description = "Kafka client port, if free.")
        int port = 9092;

        @Option(names = "--warm-up", description = "Run one small sweep before serving.")
        boolean warmUp;

        @Override
        public Integer call() throws Exception {
            Service service = Service.start(slots, port, Main::run, warmUp);
            Runtime.getRuntime().addShutdownHook(new Thread(service::close, "spectralflow-service-stop"));
            ServiceWire.State st = service.state();
            System.err.println("spectralflow service up (pid " + st.pid() + "): Kafka at " + st.bootstrap() + ", Flink REST at " + st.restUrl());
            service.serve();
            service.close();
            System.err.println("spectralflow service stopped");
            return 0;
        }
    }
}

package org.spectralflow.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.spectralflow.math.Spectra;
import picocli.CommandLine.Command;

/** Prints what this installation runs on: the eigen-solver, the BLAS and LAPACK libraries and their threads, the JVM. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show the eigen-solver, the native BLAS/LAPACK libraries and their thread setting, and the JVM in use.")
final class InfoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        String solver = Spectra.solver();
        Spectra.eigenvalues(new double[] {2, 1, 1, 3}, 2); // loads the native libraries, if any
        System.out.println("eigen-solver: " + solver + (solver.startsWith("JNI")
                ? " (system LAPACK through JNI)" : " (pure-Java fallback: install liblapack3 or libopenblas0 for speed)"));
        Set<String> libs = loadedNativeLibraries();
        System.out.println("native BLAS/LAPACK: " + (libs.isEmpty() ? "none loaded" : String.join(", ", libs)));
        int cores = Runtime.getRuntime().availableProcessors();
        String threads = System.getenv("OPENBLAS_NUM_THREADS");
        boolean openblas = libs.stream().anyMatch(l -> l.contains("openblas"));
        System.out.println("BLAS threads: " + (threads != null ? "OPENBLAS_NUM_THREADS=" + threads
                : openblas ? "OPENBLAS_NUM_THREADS unset (OpenBLAS uses one thread per core: " + cores + ")" : "OPENBLAS_NUM_THREADS unset"));
        if (openblas && cores > 1 && (threads == null || !threads.strip().equals("1")))
            System.out.println(String.format(Locale.ROOT, "warning: each of Flink's %d task slots would run up to %s BLAS threads "
                    + "on %d cores (oversubscribed: slower); set OPENBLAS_NUM_THREADS=1", cores, threads == null ? cores : threads, cores));
        System.out.println("java: " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        System.out.println("cores: " + cores);
        return 0;
    }

    /** The BLAS and LAPACK shared libraries mapped into this process (Linux: /proc/self/maps), as real paths. */
    static Set<String> loadedNativeLibraries() {
        Set<String> out = new LinkedHashSet<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                int slash = line.indexOf('/');
                if (slash < 0) continue;
                String path = line.substring(slash).strip();
                String name = Path.of(path).getFileName().toString().toLowerCase(Locale.ROOT);
                if ((name.contains("blas") || name.contains("lapack")) && !name.startsWith("libnetlib")) out.add(path);
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: nothing to say beyond the solver's name
        }
        return out;
    }
}

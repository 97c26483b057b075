package org.spectralflow.cli;

import java.util.concurrent.Callable;
import org.spectralflow.math.Spectra;
import picocli.CommandLine.Command;

/** Prints what this installation runs on: the eigen-solver and the JVM. */
@Command(name = "info", description = "Show which eigen-solver (native LAPACK or pure Java) and JVM are in use.")
final class InfoCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        String solver = Spectra.solver();
        System.out.println("eigen-solver: " + solver + (solver.startsWith("JNI")
                ? " (system LAPACK through JNI)" : " (pure-Java fallback: install liblapack3 or libopenblas0 for speed)"));
        System.out.println("java: " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")");
        System.out.println("cores: " + Runtime.getRuntime().availableProcessors());
        return 0;
    }
}

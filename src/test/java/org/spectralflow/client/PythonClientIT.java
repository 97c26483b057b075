package org.spectralflow.client;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Python client's tests (python/tests, pytest) as part of the build: against the packaged jar's
 * real monitor (embedded broker, MiniCluster) and PyTorch's own autograd. Needs Debian's
 * python3-pytest, python3-numpy, python3-torch and python3-confluent-kafka under /usr/bin/python3
 * (the pyenv python3 on the PATH lacks them), as .ci/run installs.
 */
class PythonClientIT {
    static final String PYTHON = System.getProperty("spectralflow.python", "/usr/bin/python3");

    @Test
    void pytestPassesAgainstTheRealMonitor() throws Exception {
        Path jar = Path.of(System.getProperty("spectralflow.fullJar", "target/spectralflow.jar")).toAbsolutePath();
        assertTrue(Files.exists(jar), "the jar is built before integration tests: " + jar);
        Path log = Path.of("target", "pytest.log");
        ProcessBuilder pb = new ProcessBuilder(PYTHON, "-m", "pytest", "-q", "-p", "no:cacheprovider", "python/tests")
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("PYTHONPATH", Path.of("python").toAbsolutePath().toString());
        pb.environment().put("SPECTRALFLOW_JAR", jar.toString());
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        Process p = pb.start();
        boolean done = p.waitFor(15, TimeUnit.MINUTES);
        if (!done) p.destroyForcibly().waitFor();
        String out = Files.readString(log);
        System.out.println(out);
        assertTrue(done, "pytest did not finish within 15 minutes:\n" + out);
        assertEquals(0, p.exitValue(), "pytest failed (see target/pytest.log):\n" + out);
        assertTrue(out.matches("(?s).*\\b\\d+ passed\\b.*") && !out.contains(" skipped"), out);
    }
}

package org.spectralflow.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Temporary directories that go away with the process: removed by whoever is done with them, and
 * otherwise by a shutdown hook, so that Ctrl-C or SIGTERM leaves nothing behind in /tmp (only
 * SIGKILL can).
 */
public final class TempDirs {
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(TempDirs::deleteTree), "spectralflow-temp-cleanup"));
    }

    private TempDirs() {}

    /** A new directory under the system's temporary directory, removed at exit unless {@link #delete}d before. */
    public static Path create(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        LIVE.add(dir);
        return dir;
    }

    /** Removes the directory and everything in it now. */
    public static void delete(Path dir) {
        LIVE.remove(dir);
        deleteTree(dir);
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | RuntimeException ignored) {
            // a temporary directory that cannot be removed is not worth failing over
        }
    }
}

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
    /** What writes into them (a broker, a MiniCluster running checkpoints): stopped at exit before they are removed. */
    private static final java.util.Deque<AutoCloseable> WRITERS = new java.util.concurrent.ConcurrentLinkedDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // shutdown hooks run side by side, and a broker or a job left running re-creates what was removed
            // (seen after SIGTERM: a checkpoint directory written again after the hook had deleted it)
            for (AutoCloseable w : WRITERS) {
                try {
                    w.close();
                } catch (Exception | Error ignored) {
                    // exiting anyway; what it leaves is removed below
                }
            }
            LIVE.forEach(TempDirs::deleteTree);
        }, "spectralflow-temp-cleanup"));
    }

    private TempDirs() {}

    /** A new directory under the system's temporary directory, removed at exit unless {@link #delete}d before. */
    public static Path create(String prefix) throws IOException {
        Path dir = Files.createTempDirectory(prefix);
        LIVE.add(dir);
        return dir;
    }

    /** Registers something that writes into temporary directories, to be closed at exit before they are removed (newest first). */
    public static void stopAtExit(AutoCloseable writer) {
        WRITERS.push(writer);
    }

    /** Forgets a writer that was closed. */
    public static void stopped(AutoCloseable writer) {
        WRITERS.remove(writer);
    }

    /** Removes the directory and everything in it now. */
    public static void delete(Path dir) {
        LIVE.remove(dir);
        deleteTree(dir);
    }

    /**
     * Deletes the tree, again while it is still there: at exit the broker and the job still run
     * beside the hook and may add or remove files under a walk (which then fails part-way, seen as
     * a broker directory left behind after SIGTERM), so up to 40 passes 25 ms apart.
     */
    private static void deleteTree(Path dir) {
        for (int pass = 0; pass < 40 && Files.exists(dir); pass++) {
            if (pass > 0) {
                try {
                    Thread.sleep(25);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException | RuntimeException changedUnderTheWalk) {
                // another pass; a directory that cannot be removed at all is not worth failing over
            }
        }
    }
}

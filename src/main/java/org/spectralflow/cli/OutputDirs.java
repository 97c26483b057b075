package org.spectralflow.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Output directories checked at the start of a command, not after an hour of work. */
final class OutputDirs {
    private OutputDirs() {}

    /** Creates dir if needed and proves it writable, or says why not (as misuse: exit 2). */
    static Path writable(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-test-", "");
            Files.delete(probe);
            return dir;
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException("cannot write to " + dir + " (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + "); choose another --out");
        }
    }
}

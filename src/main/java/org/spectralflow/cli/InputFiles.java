package org.spectralflow.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Input files named on the command line: read whole, or refused in one line as misuse (exit 2). */
final class InputFiles {
    private InputFiles() {}

    /** The file's bytes; "-" reads standard input. */
    static byte[] read(String file) {
        try {
            return file.equals("-") ? System.in.readAllBytes() : Files.readAllBytes(Path.of(file));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no such file: " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + (Files.isDirectory(Path.of(file)) ? ": it is a directory"
                    : ": " + e.getClass().getSimpleName()));
        }
    }
}

package org.spectralflow.service;

import java.nio.file.Path;

/**
 * Where the local service keeps its state file and log: {@code -Dspectralflow.home}, else
 * {@code $SPECTRALFLOW_HOME}, else {@code ~/.spectralflow}.
 */
public final class ServiceHome {
    private ServiceHome() {}

    public static Path dir() {
        String p = System.getProperty("spectralflow.home");
        if (p == null || p.isBlank()) p = System.getenv("SPECTRALFLOW_HOME");
        return p == null || p.isBlank() ? Path.of(System.getProperty("user.home"), ".spectralflow") : Path.of(p);
    }

    public static Path stateFile() {
        return dir().resolve("service.properties");
    }

    public static Path log() {
        return dir().resolve("service.log");
    }

    /**
     * This build's identity: the jar (or class directory) it runs from, with size and time for a
     * jar. A service from another build has other classes, so a client attaches only to its own.
     */
    public static String build() {
        try {
            Path p = Path.of(ServiceHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            java.io.File f = p.toFile();
            return f.isFile() ? p + ":" + f.length() + ":" + f.lastModified() : p.toString();
        } catch (Exception e) {
            return "unknown";
        }
    }
}

package org.spectralflow.service;

import java.nio.file.Path;
import org.spectralflow.run.LocalFlink;
import org.spectralflow.run.StandingSweepJob;

/**
 * What a command run inside the service sees of it: the broker and the MiniCluster to use instead
 * of starting its own, and the client's working directory and terminal. Set for the duration of
 * one request (the service runs one at a time); absent in an ordinary process.
 */
public final class ServiceContext {
    /**
     * The running service's parts and the current request's client.
     *
     * @param standing the sweep job the service keeps deployed between sweeps
     */
    public record Current(String bootstrap, LocalFlink flink, StandingSweepJob standing, int slots, Path cwd, boolean terminal) {}

    private static volatile Current current;

    private ServiceContext() {}

    /** The request being served, or null outside the service. */
    public static Current current() {
        return current;
    }

    static void set(Current c) {
        current = c;
    }
}

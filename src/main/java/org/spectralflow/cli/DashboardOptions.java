package org.spectralflow.cli;

import org.spectralflow.job.Defaults;
import picocli.CommandLine.Option;

/** Where the live dashboard listens (monitor and dashboard). */
final class DashboardOptions {
    @Option(names = "--http-port", description = "Port of the live dashboard; 0 = off under monitor; a taken port falls back "
            + "to a free one (default: ${DEFAULT-VALUE}).")
    int port = Defaults.DASHBOARD_PORT;

    @Option(names = "--http-bind", description = "Address the dashboard binds to; 0.0.0.0 exposes it to the network "
            + "(default: ${DEFAULT-VALUE}).")
    String bind = Defaults.DASHBOARD_BIND;

    void check() {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("--http-port must be between 0 and 65535, got " + port);
        if (bind == null || bind.isBlank()) throw new IllegalArgumentException("--http-bind must be an address, e.g. 127.0.0.1");
    }
}

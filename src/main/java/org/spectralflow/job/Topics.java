package org.spectralflow.job;

/** The topic names of DESIGN §2. */
public final class Topics {
    public static final String SPECS = "sf.specs";
    public static final String RESULTS = "sf.results";
    public static final String STATS = "sf.stats";
    public static final String WEIGHTS = "sf.weights";
    public static final String HEALTH = "sf.health";
    public static final String ALERTS = "sf.alerts";
    public static final String DLQ = "sf.dlq";

    private Topics() {}
}

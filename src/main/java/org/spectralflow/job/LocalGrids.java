package org.spectralflow.job;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.spectralflow.model.SweepGrid;

/**
 * Grids of the sweeps running on a job that lives in this process: the local service's standing
 * sweep job (a MiniCluster in the service's JVM) cannot be given each sweep's grid in its config,
 * as a job started for one sweep is, so the service registers a sweep's grid here while it runs and
 * the job's decoder ({@link SweepJobConfig.Guards#localGrids}) checks the sweep's specs against it.
 * Meaningless on a real cluster, where the job's operators run in other processes.
 */
public final class LocalGrids {
    private static final Map<String, SweepGrid> GRIDS = new ConcurrentHashMap<>();

    private LocalGrids() {}

    /** From now on, specs of {@code grid}'s sweep must be the grid's own. */
    public static void register(SweepGrid grid) {
        GRIDS.put(grid.sweep(), grid);
    }

    /** The sweep has ended: its grid is no longer kept. */
    public static void unregister(String sweep) {
        GRIDS.remove(sweep);
    }

    static SweepGrid get(String sweep) {
        return GRIDS.get(sweep);
    }
}

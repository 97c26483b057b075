package org.spectralflow.job;

import org.spectralflow.model.CellKey;
import org.spectralflow.model.Contribution;

/** One analysed trial on its way to aggregation: its cell, its place in the cell, and its contribution. */
public record TrialResult(CellKey key, long cellTrials, long trial, String id, Contribution contribution,
                          String sourceTopic, int sourcePartition, long sourceOffset) {

    /** The aggregation key: one grid cell of one sweep. */
    public String gridCell() {
        return key.sweep() + "/" + key.cell();
    }
}

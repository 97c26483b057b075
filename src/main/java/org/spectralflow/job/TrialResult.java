package org.spectralflow.job;

import org.spectralflow.model.CellDefinition;
import org.spectralflow.model.CellKey;
import org.spectralflow.model.Contribution;
import org.spectralflow.model.RecordOrigin;
import org.spectralflow.model.RecordValues;

/**
 * One analysed trial on its way to aggregation: its cell (key and definition), its place in the
 * cell, its contribution, its encoded {@code sf.results} record (null when not asked for, written
 * only once the trial is counted) and where its spec came from.
 */
public record TrialResult(CellKey key, CellDefinition definition, long trial, String id, Contribution contribution,
                          byte[] result, RecordOrigin origin) {

    /** The aggregation key: one grid cell of one sweep (sweep names hold no '/'). */
    public String gridCell() {
        return key.sweep() + "/" + key.cell();
    }

    /** Equal when every field is, arrays by content. */
    @Override
    public boolean equals(Object o) {
        return RecordValues.equal(this, o);
    }

    @Override
    public int hashCode() {
        return RecordValues.hash(this);
    }
}

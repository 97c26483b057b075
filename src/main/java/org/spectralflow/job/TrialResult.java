package org.spectralflow.job;

import java.util.Arrays;
import org.spectralflow.model.CellDefinition;
import org.spectralflow.model.CellKey;
import org.spectralflow.model.Contribution;
import org.spectralflow.model.RecordOrigin;

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

    @Override
    public boolean equals(Object o) {
        return o instanceof TrialResult t && key.equals(t.key) && definition.equals(t.definition) && trial == t.trial
                && id.equals(t.id) && contribution.equals(t.contribution) && Arrays.equals(result, t.result)
                && origin.equals(t.origin);
    }

    @Override
    public int hashCode() {
        return gridCell().hashCode() * 31 + Long.hashCode(trial);
    }
}

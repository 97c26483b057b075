package org.spectralflow.job;

import org.spectralflow.math.CellAccumulator;
import org.spectralflow.model.CellDefinition;
import org.spectralflow.model.CellKey;
import org.spectralflow.model.RecordValues;

/**
 * What one subtask analysed of one cell since it last shipped that cell: trials counted and
 * failed, and one exact accumulator per ρ bin (keys[i] and accumulators[i] belong together),
 * merged into the cell's totals by its aggregator. The accumulators are exact, so the totals do
 * not depend on how trials were grouped into partials.
 */
public record CellPartial(String gridCell, CellDefinition definition, long counted, long failed, CellKey[] keys,
                          CellAccumulator[] accumulators) {

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

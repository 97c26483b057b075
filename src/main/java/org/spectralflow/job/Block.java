package org.spectralflow.job;

import org.spectralflow.model.CellDefinition;
import org.spectralflow.model.RecordOrigin;
import org.spectralflow.model.RecordValues;
import org.spectralflow.model.Spec;

/**
 * Consecutive trials [trial, trial + trials) of one cell on their way through the sweep job: a
 * decoded spec before it is claimed, or one part of it after. Flink ships it as a POJO; a
 * {@code given} matrix travels as the spec's own payload (decoded again where it is analysed) so
 * that no matrix type needs a generic serializer.
 *
 * @param seed the first trial's seed (the others derive from the sweep seed)
 * @param given the spec's payload for a {@code given} ensemble, else null
 * @param origin where the spec came from, for dead letters
 */
public record Block(CellDefinition definition, String id, long trial, long trials, long seed, byte[] given, RecordOrigin origin) {

    static Block of(Spec s, byte[] payload, RecordOrigin origin) {
        return new Block(s.definition(), s.id(), s.trial(), s.trials(), s.seed(), s.data() == null ? null : payload, origin);
    }

    /** The aggregation key: one grid cell of one sweep (sweep names hold no '/'). */
    public String gridCell() {
        return definition.sweep() + "/" + definition.cell();
    }

    public long end() {
        return trial + trials;
    }

    /** The spec these trials stand for, without its given matrix. */
    public Spec spec() {
        return new Spec(id, trial, trials, seed, definition, null);
    }

    /** Trials [from, from + count) of this block, with the id and seed they would have been published with. */
    public Block part(long from, long count) {
        Spec p = spec().part(from, count);
        return new Block(definition, p.id(), from, count, p.seed(), given, origin);
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

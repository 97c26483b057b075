package org.spectralflow.job;

import java.io.IOException;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Counts the records an operator sends across a keyBy or rebalance and their bytes as Flink's own
 * serializer writes them (the network's payload, before framing): the sweep's shuffle, measured
 * rather than estimated, into the job's live counters.
 */
final class ShuffleMeter<T> {
    private final TypeSerializer<T> serializer;
    private final DataOutputSerializer buffer = new DataOutputSerializer(1024);
    private final LongCounter records, bytes;

    /** @param edge one of {@link JobCounters#EDGES} */
    ShuffleMeter(RuntimeContext context, TypeInformation<T> type, String edge) {
        serializer = context.createSerializer(type);
        records = context.getLongCounter(JobCounters.shuffleRecords(edge));
        bytes = context.getLongCounter(JobCounters.shuffleBytes(edge));
    }

    void count(T value) {
        buffer.clear();
        try {
            serializer.serialize(value, buffer);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        records.add(1);
        bytes.add(buffer.length());
    }
}

package org.spectralflow.job;

import java.io.IOException;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.streaming.api.TimerService;

/**
 * The idle-cell expiry both keyed sweep operators share: each record of a cell moves its last
 * activity and books a timer, at most one per tenth of the TTL however many records arrive; a
 * timer finds the cell expired when nothing came for the whole TTL.
 */
final class IdleCells {
    private IdleCells() {}

    /** Notes activity now (nothing when ttl ≤ 0: cells never expire). */
    static void touch(TimerService timers, ValueState<Long> lastActive, long ttl) throws IOException {
        if (ttl <= 0) return;
        long now = timers.currentProcessingTime();
        lastActive.update(now);
        long slot = Math.max(1, ttl / 10);
        timers.registerProcessingTimeTimer(((now + ttl) / slot + 1) * slot);
    }

    /** Whether the cell of a timer firing at {@code timestamp} has been idle for the TTL. */
    static boolean expired(long timestamp, ValueState<Long> lastActive, long ttl) throws IOException {
        Long last = lastActive.value();
        return last != null && timestamp - last >= ttl;
    }
}

package org.spectralflow.kafka;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.spectralflow.codec.DeadLetterCodec;

/**
 * Tells the console that a job rejected records, as they are committed to the dead-letter topic:
 * one line at most every few seconds, with the count since the last line and the latest reason,
 * so a flood of bad records cannot drown the terminal and a single one is not missed.
 */
public final class RejectionReporter implements AutoCloseable {
    private final TopicFollower follower;
    private final PrintStream out;
    private final long intervalNanos;
    private final java.util.function.Consumer<DeadLetterCodec.Rejection> each;
    private long total, unreported, lastLine = Long.MIN_VALUE;
    private DeadLetterCodec.Rejection latest;

    /** Follows the DLQ topic from its current end: only rejections from now on are reported. */
    public RejectionReporter(String bootstrap, Map<String, String> kafka, String dlqTopic, PrintStream out, Duration interval) {
        this(bootstrap, kafka, dlqTopic, out, interval, null);
    }

    /** As above, handing each rejection to {@code each} as it is read; {@code out} may be null (nothing printed). */
    public RejectionReporter(String bootstrap, Map<String, String> kafka, String dlqTopic, PrintStream out, Duration interval,
                             java.util.function.Consumer<DeadLetterCodec.Rejection> each) {
        this.follower = new TopicFollower(bootstrap, kafka, List.of(dlqTopic), false);
        this.out = out;
        this.intervalNanos = interval.toNanos();
        this.each = each;
    }

    /** Reads what has arrived (waiting at most {@code wait}) and prints a line when one is due. */
    public void poll(Duration wait) {
        for (TopicFollower.Message m : follower.poll(wait)) {
            total++;
            unreported++;
            try {
                latest = DeadLetterCodec.decode(m.value());
            } catch (RuntimeException e) {
                latest = new DeadLetterCodec.Rejection("?", -1, -1, "(a dead-letter record spectralflow cannot read)");
            }
            if (each != null) each.accept(latest);
        }
        long now = System.nanoTime();
        if (out != null && unreported > 0 && (lastLine == Long.MIN_VALUE || now - lastLine >= intervalNanos)) {
            print();
            lastLine = now;
        }
    }

    /** Reads what the dead-letter topic holds up to its end (within timeout), then reports it. */
    public void drain(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && !follower.atEnd()) poll(Duration.ofMillis(10));
        flush();
    }

    /** Prints what is still unreported. */
    public void flush() {
        if (out != null && unreported > 0) print();
    }

    private void print() {
        String reason = latest.error().length() > 160 ? latest.error().substring(0, 160) + "…" : latest.error();
        out.printf(Locale.ROOT, "rejected %d record%s (%d so far; see the DLQ); latest %s: %s%n", unreported,
                unreported == 1 ? "" : "s", total, latest.where(), reason);
        unreported = 0;
    }

    public long total() {
        return total;
    }

    @Override
    public void close() {
        follower.close();
    }
}

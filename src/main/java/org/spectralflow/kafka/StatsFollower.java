package org.spectralflow.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.spectralflow.codec.StatsCodec;
import org.spectralflow.model.CellAggregate;

/**
 * Follows {@code sf.stats} (committed records only) for one sweep: how many trials of each grid
 * cell are done, and the final aggregates as they arrive.
 */
public final class StatsFollower implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String sweep;
    private final Map<Long, Long> doneByCell = new HashMap<>();
    private final Map<String, CellAggregate> finals = new HashMap<>();
    private final List<String> duplicateFinals = new ArrayList<>();

    /** @param from partition → offset to start at (the topic's end before the sweep started), or null for the beginning */
    public StatsFollower(String bootstrap, Map<String, String> extra, String topic, String sweep, Map<Integer, Long> from)
            throws Exception {
        Properties p = TopicAdmin.clientProperties(bootstrap, extra);
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        p.put("auto.offset.reset", "earliest");
        // a follower waits for little data: the broker answers an empty fetch after 50 ms, not 500, so that
        // reading up to the end after the last commit takes milliseconds (a user's own setting wins)
        p.putIfAbsent("fetch.max.wait.ms", "50");
        this.consumer = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.sweep = sweep;
        List<TopicPartition> parts = new ArrayList<>();
        consumer.partitionsFor(topic).forEach(i -> parts.add(new TopicPartition(topic, i.partition())));
        consumer.assign(parts);
        for (TopicPartition tp : parts) {
            Long o = from == null ? null : from.get(tp.partition());
            if (o == null) consumer.seekToBeginning(List.of(tp));
            else consumer.seek(tp, o);
        }
    }

    /** Reads what has arrived, waiting at most {@code wait}. */
    public void poll(Duration wait) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(wait)) {
            CellAggregate s;
            try {
                s = StatsCodec.decode(r.value());
            } catch (RuntimeException e) {
                continue; // not ours to judge: the topic may carry other producers' records
            }
            if (!s.key().sweep().equals(sweep)) continue;
            doneByCell.merge(s.key().cell(), s.cellCount(), Math::max);
            if (s.isFinal() && finals.put(s.key().kafkaKey(), s) != null) duplicateFinals.add(s.key().kafkaKey());
        }
    }

    /** Trials done over all cells, as far as committed stats tell. */
    public long done() {
        return doneByCell.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Reads everything committed so far: up to the topic's last stable offset on every partition. */
    public void drain(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        while (System.nanoTime() < deadline
                && end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue()))
            poll(Duration.ofMillis(10)); // short: what is left is usually a commit marker, which returns no record
    }

    /** The finals received so far, one per stats key, ordered by cell then bin. */
    /** The cells of the sweep with their finals read (a cell's finals, one per bin, are written together). */
    public java.util.Set<Long> finalCells() {
        java.util.Set<Long> cells = new java.util.HashSet<>();
        for (CellAggregate s : finals.values()) cells.add(s.key().cell());
        return cells;
    }

    public List<CellAggregate> finals() {
        List<CellAggregate> out = new ArrayList<>(finals.values());
        out.sort(java.util.Comparator.<CellAggregate>comparingLong(s -> s.key().cell()).thenComparing(s -> s.key().bin()));
        return out;
    }

    /** Every committed final of a sweep on the stats topic, ordered; a clear error when there is none. */
    public static List<CellAggregate> collect(String bootstrap, Map<String, String> extra, String topic, String sweep)
            throws Exception {
        try (StatsFollower f = new StatsFollower(bootstrap, extra, topic, sweep, null)) {
            f.drain(Duration.ofSeconds(60));
            List<CellAggregate> out = f.finals();
            if (out.isEmpty()) throw new IllegalArgumentException("no final statistics of sweep '" + sweep + "' in " + topic);
            return out;
        }
    }

    /** Stats keys that received more than one final: must stay empty. */
    public List<String> duplicateFinals() {
        return duplicateFinals;
    }

    @Override
    public void close() {
        consumer.close();
    }
}

package org.spectralflow.run;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.spectralflow.io.TempDirs;
import org.spectralflow.job.Defaults;
import org.spectralflow.job.JobCounters;
import org.spectralflow.job.SweepJob;
import org.spectralflow.job.SweepJobConfig;
import org.spectralflow.job.Topics;
import org.spectralflow.kafka.RejectionReporter;
import org.spectralflow.kafka.SpecPublisher;
import org.spectralflow.kafka.StatsFollower;
import org.spectralflow.kafka.TopicAdmin;
import org.spectralflow.model.CellAggregate;
import org.spectralflow.model.SweepGrid;

/**
 * Runs one sweep end to end against a Kafka cluster: creates the topics, publishes the grid,
 * runs the bounded sweep job on the given Flink environment and collects the final statistics.
 */
public final class SweepRunner {
    /**
     * Progress while a sweep runs.
     *
     * @param done trials counted in committed finals (exact, visible at checkpoints)
     * @param processed spec records the job's subtasks have analysed or rejected so far, from its
     *     live counters (they move with the work; a restarted subtask may count a record twice,
     *     so this is capped at total)
     * @param phase what the run is doing or waiting for
     */
    public record Progress(long done, long processed, long total, double elapsedSeconds, String phase) {}

    /**
     * When each stage of a run ended, in seconds from t0 (NaN where it did not happen): topics
     * made and specs published, the job submitted, its first and last spec record processed (by
     * the live counters, which reach the client with the TaskManagers' heartbeats), every trial
     * committed, the job's end (its final checkpoint and teardown) and the last final read back.
     */
    public record Timeline(double published, double submitted, double firstProcessed, double allProcessed, double allCommitted,
                           double jobEnded) {}

    /**
     * The outcome: one final per (cell, bin), ordered by cell then bin.
     *
     * @param published trials published
     * @param seconds from t0 until every published trial was counted in a committed final (the
     *     job's end when some never were, e.g. rejected specs); the job's teardown comes after
     * @param traffic what the sweep sent through Kafka and across the job's shuffles
     */
    public record Outcome(List<CellAggregate> finals, List<String> duplicateFinals, long published, double seconds,
                          Timeline timeline, Traffic traffic) {}

    /**
     * @param specRecords spec records the trials were published in (blocks of trials)
     * @param specBytes their keys and values
     * @param shuffleRecords records the job sent across each of its keyBy and rebalance edges
     *     ({@link JobCounters#EDGES}, in order; −1: not known)
     * @param shuffleBytes their serialized bytes
     */
    public record Traffic(long specRecords, long specBytes, long[] shuffleRecords, long[] shuffleBytes) {
        public long totalShuffleRecords() {
            return java.util.Arrays.stream(shuffleRecords).sum();
        }

        public long totalShuffleBytes() {
            return java.util.Arrays.stream(shuffleBytes).sum();
        }
    }

    private SweepRunner() {}

    /**
     * Creates the job's topics where missing and returns the config with the largest record its
     * output topics take (topics made elsewhere may take less than ours), so that an analysis too
     * large for them is rejected instead of failing the sink.
     */
    public static SweepJobConfig ensureTopics(SweepJobConfig cfg, int specPartitions) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                TopicAdmin.clientProperties(cfg.bootstrapServers(), cfg.kafkaProperties()))) {
            return ensureTopics(admin, cfg, specPartitions);
        }
    }

    /** As above, through an admin client the caller holds. */
    static SweepJobConfig ensureTopics(org.apache.kafka.clients.admin.Admin admin, SweepJobConfig cfg, int specPartitions) throws Exception {
        Map<String, Integer> topics = new java.util.LinkedHashMap<>();
        topics.put(cfg.specsTopic(), specPartitions);
        topics.put(cfg.statsTopic(), Defaults.partitions(Topics.STATS));
        topics.put(cfg.dlqTopic(), Defaults.partitions(Topics.DLQ));
        if (cfg.resultsTopic() != null) topics.put(cfg.resultsTopic(), Defaults.partitions(Topics.RESULTS));
        TopicAdmin.ensure(admin, topics, TopicAdmin.MAX_MESSAGE_BYTES);
        if (cfg.resultsTopic() == null) return cfg;
        int max = TopicAdmin.maxMessageBytes(admin, List.of(cfg.resultsTopic()));
        SweepJobConfig.Guards g = cfg.guards();
        // room for the record's key, headers and batch framing
        return cfg.withGuards(new SweepJobConfig.Guards(g.grids(), Math.min(g.maxRecordBytes(), max - 4096L), g.cellTtlMs(), g.localGrids()));
    }

    /**
     * @param env where to run; null for a local MiniCluster with cfg.parallelism() slots
     */
    public static Outcome run(SweepGrid grid, SweepJobConfig base, StreamExecutionEnvironment env, int specPartitions,
                              Consumer<Progress> progress) throws Exception {
        return run(grid, base, env, specPartitions, progress, null);
    }

    /** As above; rejections are reported on {@code console} as they are committed, when it is not null. */
    public static Outcome run(SweepGrid grid, SweepJobConfig base, StreamExecutionEnvironment env, int specPartitions,
                              Consumer<Progress> progress, PrintStream console) throws Exception {
        return run(grid, base, env, null, specPartitions, progress, console, System.nanoTime());
    }

    /**
     * As above, on {@code local} (a MiniCluster already starting) when env is null and local is
     * not, with the run's times counted from {@code t0} ({@link System#nanoTime}).
     */
    public static Outcome run(SweepGrid grid, SweepJobConfig base, StreamExecutionEnvironment env, LocalFlink local,
                              int specPartitions, Consumer<Progress> progress, PrintStream console, long t0) throws Exception {
        return run(grid, base, env, local, specPartitions, 0, progress, console, t0);
    }

    /**
     * As above, published in blocks of {@code blockTrials} trials ({@link SweepGrid#blockTrials}: 0
     * for one block per spec partition, 1 for trial by trial).
     */
    public static Outcome run(SweepGrid grid, SweepJobConfig base, StreamExecutionEnvironment env, LocalFlink local,
                              int specPartitions, long blockTrials, Consumer<Progress> progress, PrintStream console, long t0)
            throws Exception {
        if (progress != null) progress.accept(new Progress(0, 0, grid.size(), seconds(t0), "creating topics"));
        // the job knows this sweep's grid: a spec of the sweep that is not the grid's is rejected
        base = ensureTopics(base.withGrid(grid), specPartitions);
        Map<Integer, Long> specStart = TopicAdmin.endOffsets(base.bootstrapServers(), base.kafkaProperties(), base.specsTopic());
        Map<Integer, Long> statsStart = TopicAdmin.endOffsets(base.bootstrapServers(), base.kafkaProperties(), base.statsTopic());
        if (progress != null) progress.accept(new Progress(0, 0, grid.size(), seconds(t0), "publishing " + grid.size() + " trials"));
        SpecPublisher.Published sent = SpecPublisher.publish(base.bootstrapServers(), base.kafkaProperties(), base.specsTopic(),
                grid.blocks(blockTrials, specPartitions), null);
        Outcome o = runPublished(grid.sweep(), grid.size(), base, specStart, statsStart, env, local, progress, t0, console);
        Traffic t = o.traffic();
        return new Outcome(o.finals(), o.duplicateFinals(), o.published(), o.seconds(), o.timeline(),
                new Traffic(sent.records(), sent.bytes(), t.shuffleRecords(), t.shuffleBytes()));
    }

    /**
     * Runs the bounded job over what the specs topic received since {@code specStart} and collects
     * the finals of {@code sweep} that the stats topic received since {@code statsStart}.
     */
    public static Outcome runPublished(String sweep, long published, SweepJobConfig base, Map<Integer, Long> specStart,
                                       Map<Integer, Long> statsStart, StreamExecutionEnvironment env,
                                       Consumer<Progress> progress, long t0) throws Exception {
        return runPublished(sweep, published, base, specStart, statsStart, env, null, progress, t0, null);
    }

    /** As above; rejections are reported on {@code console} as they are committed, when it is not null. */
    public static Outcome runPublished(String sweep, long published, SweepJobConfig base, Map<Integer, Long> specStart,
                                       Map<Integer, Long> statsStart, StreamExecutionEnvironment env, LocalFlink local,
                                       Consumer<Progress> progress, long t0, PrintStream console) throws Exception {
        SweepJobConfig cfg = base.withBounded(specStart);
        Path checkpoints = null;
        if (env == null) {
            Configuration conf = local == null ? Defaults.localFlinkConfiguration() : new Configuration();
            checkpoints = Checkpoints.temporary(conf);
            env = local == null ? StreamExecutionEnvironment.createLocalEnvironment(cfg.parallelism(), conf)
                    : local.environment(conf, cfg.parallelism());
        }
        Checkpoints.enable(env, cfg.checkpointIntervalMs());
        SweepJob.build(env, cfg);
        RejectionReporter rejections = console == null ? null
                : new RejectionReporter(base.bootstrapServers(), base.kafkaProperties(), base.dlqTopic(), console, Duration.ofSeconds(2));
        JobClient job = null;
        double published0 = seconds(t0);
        try (StatsFollower follower = new StatsFollower(base.bootstrapServers(), base.kafkaProperties(), base.statsTopic(),
                sweep, statsStart)) {
            if (progress != null) progress.accept(new Progress(0, 0, published, seconds(t0), "starting the Flink cluster and the job"));
            job = local != null ? local.submit(env, "spectralflow sweep " + sweep) : env.executeAsync("spectralflow sweep " + sweep);
            double submitted = seconds(t0);
            LiveCounts live = new LiveCounts(job);
            double allCounted = Double.NaN, firstProcessed = Double.NaN, allProcessed = Double.NaN;
            long lastNudge = 0;
            while (!job.getJobExecutionResult().isDone()) {
                follower.poll(Duration.ofMillis(50));
                if (rejections != null) rejections.poll(Duration.ZERO);
                live.poll();
                double elapsed = seconds(t0);
                long processed = Math.min(published, Math.max(live.processed(), follower.done()));
                if (Double.isNaN(firstProcessed) && processed > 0) firstProcessed = elapsed;
                if (Double.isNaN(allProcessed) && processed >= published) allProcessed = elapsed;
                if (Double.isNaN(allCounted) && follower.done() >= published) allCounted = elapsed;
                // all input analysed: commit it now (and the final checkpoint that ends the job), not at the next interval
                if (local != null && processed >= published && System.nanoTime() - lastNudge > 250_000_000L) {
                    lastNudge = System.nanoTime();
                    local.checkpointNow(job.getJobID());
                }
                if (progress != null) progress.accept(new Progress(follower.done(), processed, published, elapsed, live.phase(processed, published)));
            }
            org.apache.flink.api.common.JobExecutionResult result = job.getJobExecutionResult().get(); // rethrows a job failure
            double jobEnded = seconds(t0);
            // the bounded job commits its last transaction before it finishes: read up to there
            follower.drain(Duration.ofSeconds(30));
            if (rejections != null) rejections.drain(Duration.ofSeconds(10));
            double elapsed = seconds(t0);
            if (Double.isNaN(allProcessed)) allProcessed = elapsed;
            if (Double.isNaN(firstProcessed) && published > 0) firstProcessed = allProcessed;
            if (progress != null) progress.accept(new Progress(follower.done(), published, published, elapsed, "done"));
            double end = Double.isNaN(allCounted) ? elapsed : allCounted;
            return new Outcome(follower.finals(), follower.duplicateFinals(), published, end,
                    new Timeline(published0, submitted, firstProcessed, Math.min(allProcessed, end), end, Math.max(end, jobEnded)),
                    new Traffic(-1, -1, JobCounters.EDGES.stream().mapToLong(e -> counter(result, JobCounters.shuffleRecords(e))).toArray(),
                            JobCounters.EDGES.stream().mapToLong(e -> counter(result, JobCounters.shuffleBytes(e))).toArray()));
        } finally {
            if (job != null && !job.getJobExecutionResult().isDone()) job.cancel().get();
            if (rejections != null) rejections.close();
            if (checkpoints != null) TempDirs.delete(checkpoints);
        }
    }

    /**
     * Runs one sweep on the local service's {@link StandingSweepJob} instead of a job of its own:
     * publishes the grid, follows its finals and rejections, and asks for checkpoints (which commit
     * the job's output) one after another, at most every tenth of the time since publishing (and
     * at least at the configured interval) and at once when the live counters say everything was
     * processed. The sweep is over when every cell is: it has its finals, or a failed analysis for
     * each of its trials, or one of its spec records was rejected before its trials were claimed
     * (they will never be counted, and without them the cell has no finals). Dead letters name the
     * spec record and the job's step ({@link org.spectralflow.codec.DeadLetterCodec#STAGES}); the
     * publisher's acknowledgements say which of the records are ours and of which cell.
     */
    public static Outcome runStanding(SweepGrid grid, SweepJobConfig base, LocalFlink flink, StandingSweepJob standing,
                                      int specPartitions, long blockTrials, Consumer<Progress> progress, PrintStream console,
                                      long t0) throws Exception {
        if (progress != null) progress.accept(new Progress(0, 0, grid.size(), seconds(t0), "creating topics"));
        long published = grid.size();
        PublishedRecords ours = new PublishedRecords();
        Map<Long, Long> failedOfCell = new java.util.HashMap<>();
        java.util.Set<Long> brokenCells = new java.util.HashSet<>();
        StandingSweepJob.Lease lease = null;
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                TopicAdmin.clientProperties(base.bootstrapServers(), base.kafkaProperties()))) {
            SweepJobConfig cfg = ensureTopics(admin, base, specPartitions);
            lease = standing.lease(cfg, grid.sweep());
            SweepJobConfig run = lease.cfg();
            org.spectralflow.job.LocalGrids.register(grid); // the job checks this sweep's specs against its grid
            try (StatsFollower follower = new StatsFollower(run.bootstrapServers(), run.kafkaProperties(), run.statsTopic(), grid.sweep(),
                    TopicAdmin.endOffsets(admin, run.statsTopic()));
                 RejectionReporter rejections = new RejectionReporter(run.bootstrapServers(), run.kafkaProperties(), run.dlqTopic(),
                         console, Duration.ofSeconds(2), r -> {
                             Long cell = r.topic().equals(run.specsTopic()) && ours.contains(r.partition(), r.offset())
                                     ? cellOf(r.key(), grid.sweep()) : null;
                             if (cell == null) return; // not one of our records
                             if ("analysis".equals(r.stage())) failedOfCell.merge(cell, Math.max(1, r.trials()), Long::sum);
                             else brokenCells.add(cell); // rejected before its trials were claimed
                         })) {
                rejections.poll(Duration.ZERO); // from the DLQ's end before any of ours is there
                if (progress != null) progress.accept(new Progress(0, 0, published, seconds(t0), "publishing " + published + " trials"));
                SpecPublisher.Published sent = SpecPublisher.publish(run.bootstrapServers(), run.kafkaProperties(), run.specsTopic(),
                        grid.blocks(blockTrials, specPartitions), null, (spec, md) -> ours.add(md.partition(), md.offset()));
                double published0 = seconds(t0);
                long publishedNanos = System.nanoTime(), lastTrigger = 0;
                long spacing = Math.min(100_000_000L, run.checkpointIntervalMs() * 1_000_000L);
                JobClient job = lease.job();
                LiveCounts live = new LiveCounts(job, lease.counted());
                double firstProcessed = Double.NaN, allProcessed = Double.NaN;
                java.util.concurrent.CompletableFuture<String> checkpoint = null;
                while (!everyCellDone(grid, follower.finalCells(), failedOfCell, brokenCells)) {
                    follower.poll(Duration.ofMillis(20));
                    rejections.poll(Duration.ZERO);
                    live.poll();
                    if (job.getJobExecutionResult().isDone())
                        throw new IllegalStateException("the local service's sweep job stopped (" + live.phase(0, 1) + "); the next sweep starts another");
                    double elapsed = seconds(t0);
                    long processed = Math.min(published, Math.max(live.processed(), follower.done()));
                    if (Double.isNaN(firstProcessed) && processed > 0) firstProcessed = elapsed;
                    if (Double.isNaN(allProcessed) && processed >= published) allProcessed = elapsed;
                    if (progress != null) progress.accept(new Progress(follower.done(), processed, published, elapsed, live.phase(processed, published)));
                    // output is committed at checkpoints: the next one soon after the last, less often as a long sweep goes on
                    long now = System.nanoTime();
                    long wait = Math.min(run.checkpointIntervalMs() * 1_000_000L, Math.max(spacing, (now - publishedNanos) / 10));
                    if ((checkpoint == null || checkpoint.isDone()) && (processed >= published || now - lastTrigger >= wait)) {
                        lastTrigger = now;
                        checkpoint = flink.checkpoint(job.getJobID());
                    }
                }
                follower.drain(Duration.ofSeconds(30));
                rejections.drain(Duration.ofSeconds(10));
                double end = seconds(t0);
                if (Double.isNaN(allProcessed)) allProcessed = end;
                if (Double.isNaN(firstProcessed)) firstProcessed = allProcessed;
                if (progress != null) progress.accept(new Progress(follower.done(), published, published, end, "done"));
                standing.done(lease, published);
                long[] unknown = new long[JobCounters.EDGES.size()];
                java.util.Arrays.fill(unknown, -1);
                Outcome o = new Outcome(follower.finals(), follower.duplicateFinals(), published, end,
                        new Timeline(published0, published0, firstProcessed, Math.min(allProcessed, end), end, end),
                        new Traffic(sent.records(), sent.bytes(), unknown, unknown.clone()));
                lease = null; // done with it
                return o;
            }
        } finally {
            org.spectralflow.job.LocalGrids.unregister(grid.sweep());
            if (lease != null) standing.lost(lease); // a sweep that failed half-way leaves its cells in the job: start clean
        }
    }

    /** The cell of a spec record keyed as spectralflow keys them ({@code sweep/cell/trial}), or null. */
    static Long cellOf(String key, String sweep) {
        if (key == null || !key.startsWith(sweep + "/")) return null;
        int from = sweep.length() + 1, to = key.indexOf('/', from);
        try {
            return Long.parseLong(to < 0 ? key.substring(from) : key.substring(from, to));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * Where one producer's records went, as ranges of consecutive offsets per partition: a
     * producer's acknowledgements of one partition come in offset order, so a sweep published with
     * no other producer between its records is one range a partition, however many records it has
     * (a map of every record would grow with a trial-by-trial sweep's 10⁹ records).
     */
    static final class PublishedRecords {
        private final Map<Integer, java.util.TreeMap<Long, Long>> ranges = new HashMap<>(); // partition → first → last

        synchronized void add(int partition, long offset) {
            java.util.TreeMap<Long, Long> r = ranges.computeIfAbsent(partition, p -> new java.util.TreeMap<>());
            Map.Entry<Long, Long> last = r.lastEntry();
            if (last != null && last.getValue() + 1 == offset) r.put(last.getKey(), offset);
            else r.put(offset, offset);
        }

        synchronized boolean contains(int partition, long offset) {
            java.util.TreeMap<Long, Long> r = ranges.get(partition);
            Map.Entry<Long, Long> e = r == null ? null : r.floorEntry(offset);
            return e != null && offset <= e.getValue();
        }
    }

    /** Whether every cell of the grid is over: its finals read, a failed analysis for each of its trials, or a record of it rejected whole. */
    private static boolean everyCellDone(SweepGrid grid, java.util.Set<Long> finals, Map<Long, Long> failed, java.util.Set<Long> broken) {
        for (long c = 0; c < grid.cells(); c++)
            if (!finals.contains(c) && !broken.contains(c) && failed.getOrDefault(c, 0L) < grid.trials()) return false;
        return true;
    }

    private static long counter(org.apache.flink.api.common.JobExecutionResult r, String name) {
        return r.getAccumulatorResult(name) instanceof Number v ? v.longValue() : -1;
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /**
     * The job's live counters and status, asked for at most every 250 ms without blocking the
     * loop (each answer is a future the next poll reads).
     */
    private static final class LiveCounts {
        private final JobClient job;
        private java.util.concurrent.CompletableFuture<Map<String, Object>> counters;
        private java.util.concurrent.CompletableFuture<org.apache.flink.api.common.JobStatus> status;
        private final long baseline;
        private long processed, asked;
        private org.apache.flink.api.common.JobStatus last;

        LiveCounts(JobClient job) {
            this(job, 0);
        }

        /** @param baseline what the counters stood at (or will) before this sweep's first record */
        LiveCounts(JobClient job, long baseline) {
            this.job = job;
            this.baseline = baseline;
        }

        void poll() {
            if (counters != null && counters.isDone()) {
                if (!counters.isCompletedExceptionally()) processed = Math.max(processed, count(counters.join()) - baseline);
                counters = null;
            }
            if (status != null && status.isDone()) {
                if (!status.isCompletedExceptionally()) last = status.join();
                status = null;
            }
            long now = System.nanoTime();
            if (counters == null && status == null && now - asked > 250_000_000L) {
                asked = now;
                counters = job.getAccumulators();
                status = job.getJobStatus();
            }
        }

        long processed() {
            return processed;
        }

        String phase(long processed, long total) {
            if (processed >= total) return "committing the last results (the final checkpoint)";
            if (processed > 0) return "analysing";
            if (last == null || last == org.apache.flink.api.common.JobStatus.INITIALIZING
                    || last == org.apache.flink.api.common.JobStatus.CREATED) return "starting the Flink cluster and the job";
            return last == org.apache.flink.api.common.JobStatus.RUNNING ? "job running: no matrix finished yet"
                    : "job " + last.name().toLowerCase(java.util.Locale.ROOT);
        }

        private static long count(Map<String, Object> acc) {
            long n = 0;
            for (String name : List.of(org.spectralflow.job.JobCounters.ANALYSED, org.spectralflow.job.JobCounters.REJECTED))
                if (acc.get(name) instanceof Number v) n += v.longValue();
            return n;
        }
    }
}

package org.spectralflow.run;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.spectralflow.io.TempDirs;
import org.spectralflow.job.SweepJob;
import org.spectralflow.job.SweepJobConfig;
import org.spectralflow.kafka.TopicAdmin;

/**
 * The sweep job the local service keeps deployed between sweeps, so that a warm sweep only
 * publishes its specs and follows its stats: the deployment of a job on the running MiniCluster
 * (0.7–1.1 s, measured) is paid once, not per sweep. One unbounded {@link SweepJob} at a time, for
 * one kind of sweep (topics, results or not, parallelism, checkpoint interval, limits: everything
 * of {@link SweepJobConfig} but the grid); a sweep of another kind, one whose name the running
 * job has already seen (its trials would be rejected as duplicates), or the one after
 * {@link #MAX_SWEEPS}, replaces it with a fresh one.
 * Sweeps use it one at a time (the service runs one at a time).
 */
public final class StandingSweepJob implements AutoCloseable {
    /**
     * One sweep's use of the job.
     *
     * @param cfg the running job's config (its group and transactional ids, no grid)
     * @param counted what the job's live counters of analysed and rejected records will have reached
     *     once the sweeps before this one were processed (this sweep's progress is counted from there)
     */
    public record Lease(JobClient job, SweepJobConfig cfg, long counted) {}

    /**
     * Sweeps one job takes before the next sweep gets a fresh one: what it remembers of each (the
     * name here; its cells' definitions and counts in the job's state, until they idle out) stays
     * bounded however long the service runs.
     */
    static final int MAX_SWEEPS = 10_000;

    private final LocalFlink flink;
    private final String idPrefix;
    private int started;
    private volatile JobClient job;
    private volatile String summary = "";
    private SweepJobConfig kind, running;
    private Path checkpoints;
    private final Set<String> sweeps = new HashSet<>();
    private long counted;

    /** Deploys nothing yet: the first sweep's {@link #lease} does. */
    public StandingSweepJob(LocalFlink flink) {
        this.flink = flink;
        this.idPrefix = "spectralflow-service-" + ProcessHandle.current().pid();
    }

    /**
     * The job a sweep named {@code sweep} with config {@code cfg} (its topics made) runs on: the one
     * running when it is of cfg's kind and has not seen this name, else a new one (started from the
     * specs topic's end, so that nothing published before is read again).
     */
    public synchronized Lease lease(SweepJobConfig cfg, String sweep) throws Exception {
        SweepJobConfig k = kindOf(cfg);
        boolean alive = job != null && !job.getJobExecutionResult().isDone();
        if (!alive || !k.equals(kind) || sweeps.contains(sweep) || sweeps.size() >= MAX_SWEEPS) {
            stop();
            start(k);
        }
        sweeps.add(sweep);
        summary = "sweep job " + job.getJobID() + " deployed (" + running.transactionalIdPrefix() + ", " + sweeps.size() + " sweep"
                + (sweeps.size() == 1 ? "" : "s") + " on it)";
        return new Lease(job, running, counted);
    }

    /** The sweep of {@code lease} ended with {@code published} trials processed: the next one counts from there. */
    public synchronized void done(Lease lease, long published) {
        if (lease.job() == job) counted = Math.max(counted, lease.counted() + published);
    }

    /** The job of {@code lease} stopped or misbehaved: the next sweep starts another. */
    public synchronized void lost(Lease lease) {
        if (lease.job() == job) stop();
    }

    /** For {@code status}, without waiting for a sweep's lease: the running job and the sweeps it has taken. */
    public String describe() {
        JobClient j = job;
        return j == null || j.getJobExecutionResult().isDone() ? "no sweep job deployed" : summary;
    }

    /** What a job must share with a sweep to run it: its config less its ids, start and grids. */
    private static SweepJobConfig kindOf(SweepJobConfig cfg) {
        SweepJobConfig.Guards g = cfg.guards();
        return cfg.toBuilder().groupId("").transactionalIdPrefix("").startOffsets(null).bounded(false)
                .guards(new SweepJobConfig.Guards(Map.of(), g.maxRecordBytes(), g.cellTtlMs(), true)).build(cfg.bootstrapServers());
    }

    private void start(SweepJobConfig k) throws Exception {
        String id = idPrefix + "-" + (++started);
        // from the end of the specs topic: only what is published from now on
        SweepJobConfig run = k.toBuilder().groupId(id).transactionalIdPrefix(id)
                .startOffsets(TopicAdmin.endOffsets(k.bootstrapServers(), k.kafkaProperties(), k.specsTopic()))
                .build(k.bootstrapServers());
        Configuration conf = new Configuration();
        Path dir = Checkpoints.temporary(conf);
        try {
            StreamExecutionEnvironment env = flink.environment(conf, run.parallelism());
            Checkpoints.enable(env, run.checkpointIntervalMs());
            SweepJob.build(env, run);
            job = flink.submit(env, "spectralflow service sweeps (" + id + ")");
        } catch (Exception e) {
            TempDirs.delete(dir);
            throw e;
        }
        kind = k;
        running = run;
        checkpoints = dir;
        sweeps.clear();
        counted = 0;
    }

    /** Cancels the running job, if any, and waits for its end (its slots are the next one's). */
    private void stop() {
        JobClient j = job;
        job = null;
        kind = null;
        running = null;
        if (j != null && !j.getJobExecutionResult().isDone()) {
            try {
                j.cancel().get(30, TimeUnit.SECONDS);
                j.getJobExecutionResult().get(30, TimeUnit.SECONDS);
            } catch (Exception ended) {
                // a cancelled job's result is an exception; a job that would not stop is the cluster's to clean up
            }
        }
        if (checkpoints != null) TempDirs.delete(checkpoints);
        checkpoints = null;
    }

    /** Cancels the job (the service is stopping). */
    @Override
    public synchronized void close() {
        stop();
    }
}

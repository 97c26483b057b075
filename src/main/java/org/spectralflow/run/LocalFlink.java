package org.spectralflow.run;

import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.MiniClusterJobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.spectralflow.job.Defaults;

/**
 * A Flink MiniCluster started on a background thread, so that its start-up (a few seconds of class
 * loading, RPC and TaskManager set-up) overlaps the embedded broker's instead of following it; jobs
 * built on {@link #environment} are submitted to it with {@link #submit}. What
 * {@code createLocalEnvironment} would do, in the other order.
 */
public final class LocalFlink implements AutoCloseable {
    private final Configuration conf;
    private final CompletableFuture<MiniCluster> cluster;
    private final org.spectralflow.io.CloseOnce closing = new org.spectralflow.io.CloseOnce();

    private LocalFlink(Configuration conf, CompletableFuture<MiniCluster> cluster) {
        this.conf = conf;
        this.cluster = cluster;
    }

    /** Starts a MiniCluster of one TaskManager with {@code slots} slots and the local defaults; returns at once. */
    public static LocalFlink start(int slots) {
        Configuration conf = Defaults.localFlinkConfiguration();
        conf.setString("taskmanager.numberOfTaskSlots", String.valueOf(slots));
        if (!conf.containsKey("rest.bind-port")) conf.setString("rest.bind-port", "0"); // as a local environment: any free port
        MiniClusterConfiguration mc = new MiniClusterConfiguration.Builder().setConfiguration(conf).setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(slots).build();
        CompletableFuture<MiniCluster> started = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                MiniCluster c = new MiniCluster(mc);
                c.start();
                started.complete(c);
            } catch (Throwable e) {
                started.completeExceptionally(e);
            }
        }, "spectralflow-minicluster-start");
        t.setDaemon(true);
        t.start();
        LocalFlink flink = new LocalFlink(conf, started);
        org.spectralflow.io.TempDirs.stopAtExit(flink); // its jobs checkpoint into temporary directories
        return flink;
    }

    /** An environment to build a job on: the cluster's configuration plus {@code jobConf} (checkpoints, for one). */
    public StreamExecutionEnvironment environment(Configuration jobConf, int parallelism) {
        Configuration c = new Configuration(conf);
        c.addAll(jobConf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(c);
        env.setParallelism(parallelism);
        return env;
    }

    /** Submits the job built on {@code env} once the cluster is up (waiting for it if need be). */
    public JobClient submit(StreamExecutionEnvironment env, String name) throws Exception {
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(name);
        MiniCluster c = cluster.get();
        JobID id = c.submitJob(graph).get().getJobID();
        return new MiniClusterJobClient(id, c, Thread.currentThread().getContextClassLoader(),
                MiniClusterJobClient.JobFinalizationBehavior.NOTHING);
    }

    /** The cluster's REST address (waiting for its start), for a status line. */
    public String restAddress() throws Exception {
        return cluster.get().getRestAddress().get().toString();
    }

    /**
     * Asks for a checkpoint of {@code job} now rather than at the next interval: a bounded job's
     * output is committed at a checkpoint, and once its input is used up nothing is gained by
     * waiting. A request while one is running is declined; that is harmless and ignored.
     */
    public void checkpointNow(JobID job) {
        checkpoint(job).exceptionally(e -> null);
    }

    /** As {@link #checkpointNow}: the future completes when the checkpoint does, exceptionally when it was declined or failed. */
    public CompletableFuture<String> checkpoint(JobID job) {
        MiniCluster c = cluster.getNow(null);
        return c == null ? CompletableFuture.failedFuture(new IllegalStateException("the MiniCluster is not up"))
                : c.triggerCheckpoint(job);
    }

    /** Stops the cluster, waiting for a start still under way (so that none is left running behind). */
    @Override
    public void close() throws Exception {
        if (!closing.begin()) return; // by the owner, or at exit: once, the other waiting for it
        try {
            MiniCluster c;
            try {
                c = cluster.get(2, java.util.concurrent.TimeUnit.MINUTES);
            } catch (java.util.concurrent.ExecutionException e) {
                return; // it never started
            }
            c.close();
        } finally {
            org.spectralflow.io.TempDirs.stopped(this);
            closing.done();
        }
    }
}

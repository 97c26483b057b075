package org.spectralflow.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Where a job's checkpoints go: always a filesystem directory, never the JobManager's heap (whose
 * 5 MiB limit a large cell or many layers would exceed, failing every checkpoint). Either a
 * temporary one that goes away with the process, or a retained one of the user's where a
 * restarted job picks its state up again.
 */
public final class Checkpoints {
    private Checkpoints() {}

    /** Exactly-once checkpoints every {@code intervalMs}: what both jobs' Kafka sink commits on. */
    public static void enable(StreamExecutionEnvironment env, long intervalMs) {
        env.enableCheckpointing(intervalMs, CheckpointingMode.EXACTLY_ONCE);
    }

    /** Checkpoints to a new temporary directory, removed when the process exits (a bounded run needs no more). */
    public static Path temporary(Configuration c) throws IOException {
        Path dir = org.spectralflow.io.TempDirs.create("spectralflow-checkpoints-");
        c.setString("execution.checkpointing.dir", dir.toUri().toString());
        return dir;
    }

    /**
     * Configures checkpoints to go to {@code dir} and to outlive the job (cancelled, failed or killed
     * with its process), and to restore from the newest complete one found there, if any.
     *
     * @return the checkpoint restored from, if any
     */
    public static Optional<Path> retainAndRestore(Configuration c, Path dir) {
        c.setString("execution.checkpointing.dir", dir.toAbsolutePath().toUri().toString());
        c.setString("execution.checkpointing.externalized-checkpoint-retention", "RETAIN_ON_CANCELLATION");
        Optional<Path> latest = latest(dir);
        latest.ifPresent(p -> c.set(StateRecoveryOptions.SAVEPOINT_PATH, p.toString()));
        // the restarted job owns the checkpoint it resumed from and deletes it once subsumed, so the
        // directory holds one checkpoint however often the process is restarted
        c.setString("execution.state-recovery.claim-mode", "CLAIM");
        return latest;
    }

    /** The newest complete checkpoint (a chk-N directory holding _metadata) below dir. */
    public static Optional<Path> latest(Path dir) {
        if (!Files.isDirectory(dir)) return Optional.empty();
        try (Stream<Path> s = Files.walk(dir, 3)) {
            return s.filter(p -> p.getFileName().toString().equals("_metadata"))
                    .filter(p -> p.getParent().getFileName().toString().startsWith("chk-"))
                    .max(Comparator.comparingLong(p -> p.toFile().lastModified()))
                    .map(Path::getParent);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package org.spectralflow.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.spectralflow.service.ServiceHome;

/**
 * A cold {@code sweep}'s start is mostly the JVM loading and compiling Kafka's broker and Flink's
 * MiniCluster, which JVM options cut: class-data sharing (an archive of this jar's classes) and,
 * for a sweep with little work, the C1 compiler alone (C2's compilations of start-up code then
 * cost more than its faster code saves). JDK 17 takes no JVM option from a jar, so the command
 * runs again in a child JVM with {@code -XX:SharedArchiveFile} (or, the first time,
 * {@code -XX:ArchiveClassesAtExit}, which writes the archive) and, where chosen,
 * {@code -XX:TieredStopAtLevel=1}. {@code SPECTRALFLOW_CDS=off}, or a JVM given any of these
 * options itself, runs in place.
 */
final class FastStart {
    /** Set in the child, so that it does not relaunch itself. */
    static final String CHILD = "spectralflow.cds.child";
    /** The first JVM's start (ms since the epoch), for the child's time split. */
    static final String LAUNCHED = "spectralflow.cds.launched";

    /** Archives kept in one directory (one a build and JVM, about 120 MB each): the newest, by when they were written. */
    static final int KEEP = 2;

    private FastStart() {}

    /**
     * Runs {@code args} in a child JVM with the archive (and C1 alone when {@code littleWork}) and
     * returns its exit code, or -1 where no relaunch applies (not run from a jar, opted out,
     * already a child, or the archive cannot be kept) and the caller goes on in this JVM.
     */
    static int relaunch(List<String> args, boolean littleWork) {
        Path archive = archive();
        if (archive == null) return -1;
        boolean make = !Files.isRegularFile(archive);
        Path partial = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xshare:auto"); // an archive the JVM cannot use (another JDK build) is ignored, not fatal,
        cmd.add("-Xlog:cds=off,cds+dynamic=off"); // and not warned about on stdout
        if (littleWork && !jitChosen()) cmd.add("-XX:TieredStopAtLevel=1");
        cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments()); // after ours: the user's -Xlog, say, wins
        cmd.add(make ? "-XX:ArchiveClassesAtExit=" + partial : "-XX:SharedArchiveFile=" + archive);
        cmd.add("-D" + CHILD + "=true");
        cmd.add("-D" + LAUNCHED + "=" + ManagementFactory.getRuntimeMXBean().getStartTime());
        cmd.addAll(List.of("-cp", jar().toString(), Main.class.getName())); // the path the archive was written with
        cmd.addAll(args);
        if (make) System.err.println("(first run of this build: writing a class-data archive for faster starts to " + archive + ")");
        Process child;
        try {
            child = new ProcessBuilder(cmd).inheritIO().start();
        } catch (IOException e) {
            return -1;
        }
        // SIGTERM or Ctrl-C to this JVM: the child ends too, running its own clean-up first
        Thread stop = new Thread(() -> {
            child.destroy();
            try {
                child.waitFor(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "spectralflow-cds-child-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        int code;
        try {
            code = child.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.destroy();
            return Main.EXIT_FAILED;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stop);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or ran: the child has ended
        }
        if (make) keep(partial, archive);
        return code;
    }

    /**
     * The options that map this jar's archive into another JVM this one starts (the local
     * service's), where the archive exists; none otherwise (that JVM then loads its classes as usual).
     */
    static List<String> archiveOptions() {
        Path archive = archive();
        if (archive == null || !Files.isRegularFile(archive)) return List.of();
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:auto", "-Xlog:cds=off,cds+dynamic=off");
    }

    private static long written(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private static boolean jitChosen() {
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments())
            if (a.contains("TieredStopAtLevel") || a.contains("TieredCompilation") || a.startsWith("-Xint") || a.startsWith("-Xcomp")) return true;
        return false;
    }

    /**
     * The archive of this jar for this JVM: beside the jar where that directory is writable (so
     * that {@code mvn package}, which makes it with one small sweep, leaves it in target/), else
     * under the service home; named by the jar's path, size and time and the JVM, since an archive
     * serves only the exact jar and JVM that wrote it. Null where none applies.
     */
    static Path archive() {
        if (System.getProperty(CHILD) != null || "off".equalsIgnoreCase(System.getenv("SPECTRALFLOW_CDS"))) return null;
        Path jar = jar();
        if (jar == null) return null;
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments())
            if (a.startsWith("-XX:SharedArchiveFile") || a.startsWith("-XX:ArchiveClassesAtExit") || a.startsWith("-Xshare")) return null;
        String identity = ServiceHome.build() + "|" + System.getProperty("java.home") + "|" + System.getProperty("java.vm.version");
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            String name = "spectralflow-" + HexFormat.of().formatHex(h, 0, 8) + ".jsa";
            Path beside = jar.getParent();
            if (beside != null && (Files.isRegularFile(beside.resolve(name)) || Files.isWritable(beside))) return beside.resolve(name);
            Path dir = ServiceHome.dir().resolve("cds");
            Files.createDirectories(dir);
            return Files.isWritable(dir) ? dir.resolve(name) : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** The jar this JVM runs from (its one class path entry), absolute; null when it runs from classes. */
    static Path jar() {
        String cp = System.getProperty("java.class.path", "");
        if (!cp.endsWith(".jar") || cp.contains(java.io.File.pathSeparator)) return null;
        return Path.of(cp).toAbsolutePath().normalize();
    }

    /**
     * Moves a written archive into place (two first runs at once: the last one's stays, both are
     * whole) and removes all but the {@link #KEEP} newest, so that rebuilds do not fill the disk.
     */
    private static void keep(Path partial, Path archive) {
        try {
            if (Files.size(partial) > 0) Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (var all = Files.list(archive.getParent())) {
                List<Path> old = all.filter(p -> p.getFileName().toString().matches("spectralflow-[0-9a-f]+\\.jsa"))
                        .sorted(java.util.Comparator.comparing(FastStart::written).reversed()).skip(KEEP).toList();
                for (Path p : old) Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // not written (the child failed early) or not movable: the next run tries again
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // a leftover .tmp is harmless
            }
        }
    }
}

package org.heshell.lab;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds the process serving a lab through its lab dir, or starts one in the background ({@link LabDaemon}) and
 * waits for it. A lab is served when its endpoint file names a live process that holds the lab's lock; first starts
 * take a start lock in turn, so two shells starting at once share one lab instead of failing.
 */
public final class LabProcess {
    private static final long START_TIMEOUT_MS = 90_000;
    private static final long POLL_MS = 25;
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private LabProcess() {
    }

    /** The endpoint of the process serving the lab in {@code path} now, if one does. */
    public static Optional<LabEndpoint> running(Path path) throws IOException {
        LabDir dir = new LabDir(path);
        if (!Files.isRegularFile(dir.endpointFile())) {
            return Optional.empty();
        }
        Optional<LabEndpoint> e = Lab.readEndpoint(dir);
        if (e.isEmpty() || !alive(e.get().pid()) || !locked(dir)) {
            return Optional.empty();
        }
        return e;
    }

    /** Whether {@code endpoint} is still the one serving the lab in {@code path}. */
    public static boolean isServing(Path path, LabEndpoint endpoint) {
        try {
            return running(path).map(e -> e.pid() == endpoint.pid() && e.apiUrl().equals(endpoint.apiUrl()))
                    .orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    /** The process serving a lab, and whether this call started it. */
    public record Joined(LabEndpoint endpoint, boolean started) {
    }

    /**
     * The lab in {@code path}, started in the background when no process serves it, or restarted when the one
     * serving it runs another build of heshell than this one. {@code notice} hears, in one line, that a lab was
     * started (and whether an earlier one had died, or ran another build), as a build daemon says so.
     */
    public static Joined ensure(Path path, Lab.Settings settings, Consumer<String> notice) throws IOException {
        return ensure(path, settings, LabBuild.current(), notice);
    }

    /** {@link #ensure(Path, Lab.Settings, Consumer)} for a lab of {@code build}, which runs from a copy of its jar. */
    static synchronized Joined ensure(Path path, Lab.Settings settings, Optional<LabBuild> build,
                                      Consumer<String> notice) throws IOException {
        // synchronized: within one JVM a second FileChannel.lock on the start lock would throw, not wait
        Optional<LabEndpoint> found = running(path);
        if (found.isPresent() && sameBuild(path, build)) {
            return new Joined(found.get(), false);
        }
        LabDir dir = new LabDir(path);
        dir.create();
        try (FileChannel channel = FileChannel.open(dir.startLockFile(), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock ignored = channel.lock()) {
            found = running(path);
            String replaced = "";
            if (found.isPresent() && !sameBuild(path, build)) {
                replaced = " (its last process, " + found.get().pid() + ", ran an earlier build of heshell)";
                stopForRebuild(dir, found.get());
                found = Optional.empty();
            }
            if (found.isPresent()) {
                return new Joined(found.get(), false); // another shell started it while this one waited
            }
            if (locked(dir)) {
                // served by a process that has not published its endpoint yet (`lab serve` just started)
                return new Joined(await(dir, null), false);
            }
            Optional<LabEndpoint> stale = Lab.readEndpoint(dir);
            if (replaced.isEmpty()) {
                replaced = stale.map(s -> " (its last process, " + s.pid() + ", had ended without `lab stop`)")
                        .orElse("");
            }
            boolean created = !dir.exists();
            Process p = start(dir, settings, build);
            LabEndpoint e = await(dir, p);
            notice.accept((created ? "started a new lab" : "started the lab") + " in " + path + replaced
                    + ": it runs in the background (process " + e.pid() + ") for every shell; `lab stop` stops it");
            return new Joined(e, true);
        }
    }

    /** Whether the lab in {@code path} runs {@code build}; a lab of unknown build (an in-process one) is kept. */
    private static boolean sameBuild(Path path, Optional<LabBuild> build) throws IOException {
        String serving = Lab.readBuild(new LabDir(path));
        return build.isEmpty() || serving.isEmpty() || serving.equals(build.get().id());
    }

    /** Stops a lab process of an earlier build as `lab stop` would: SIGTERM, which saves its state. */
    private static void stopForRebuild(LabDir dir, LabEndpoint running) throws IOException {
        ProcessHandle.of(running.pid()).ifPresent(ProcessHandle::destroy);
        if (!awaitStopped(dir.path(), 30_000)) {
            throw new IOException("the lab's process " + running.pid() + " runs an earlier build of heshell and did"
                    + " not stop within 30 s; `kill " + running.pid() + "` stops it (its state is kept)");
        }
    }

    private static Process start(LabDir dir, Lab.Settings settings, Optional<LabBuild> build) throws IOException {
        Path log = dir.logFile();
        if (!Files.exists(log)) {
            Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else if (Files.size(log) > 1 << 20) {
            Files.writeString(log, ""); // keep the log small: the latest runs are what matter
        }
        List<String> cmd = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            cmd.add(SETSID.toString()); // its own session: no terminal's Ctrl-C or hang-up reaches it
        }
        cmd.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(List.of("-XX:+UseSerialGC", "-Xshare:auto",
                "-D" + LabBuild.PROPERTY + "=" + build.map(LabBuild::id).orElse(""),
                "-cp", build.isPresent() ? build.get().copyInto(dir).toString()
                        : System.getProperty("java.class.path"),
                LabDaemon.class.getName(), dir.path().toAbsolutePath().toString(), Integer.toString(settings.hosts()),
                Integer.toString(settings.vms()), settings.speed() == null ? "-" : settings.speed().toString()));
        return new ProcessBuilder(cmd)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true)
                .start();
    }

    /** Waits for the lab's endpoint; {@code p}: the process started for it, whose death ends the wait. */
    private static LabEndpoint await(LabDir dir, Process p) throws IOException {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            Optional<LabEndpoint> e = running(dir.path());
            if (e.isPresent() && (p == null || e.get().pid() == p.pid()
                    || p.descendants().anyMatch(d -> d.pid() == e.get().pid()))) {
                return e.get();
            }
            if (p != null && !p.isAlive()) {
                throw new IOException("the lab process stopped while starting (exit " + p.exitValue() + "): "
                        + lastLine(dir.logFile()) + " (all of it in " + dir.logFile() + ")");
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the lab was starting; it goes on starting in the background"
                        + " (`lab status`)", ie);
            }
        }
        throw new IOException("the lab did not start within " + START_TIMEOUT_MS / 1000 + " s; see "
                + dir.logFile());
    }

    /** Waits until no process serves the lab any more, at most {@code millis}; false when one still does. */
    public static boolean awaitStopped(Path path, long millis) throws IOException {
        long deadline = System.currentTimeMillis() + millis;
        while (running(path).isPresent()) {
            if (System.currentTimeMillis() > deadline) {
                return false;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return lines.isEmpty() ? "it wrote nothing" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "its log cannot be read";
        }
    }

    /** A live process; a killed one whose parent is gone may stay a zombie where nothing reaps it (containers). */
    private static boolean alive(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            int afterName = stat.lastIndexOf(')');
            return afterName < 0 || afterName + 2 >= stat.length() || stat.charAt(afterName + 2) != 'Z';
        } catch (IOException e) {
            return true; // no /proc: take the JDK's word
        }
    }

    /** Whether a process holds the lab's lock: the serving one does for its whole life. */
    private static boolean locked(LabDir dir) throws IOException {
        if (Lab.servedHere(dir.path())) {
            return true;
        }
        if (!Files.exists(dir.lockFile())) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(dir.lockFile(), StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true; // this very process serves it
        }
    }
}

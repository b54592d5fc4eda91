package org.heshell.restore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A restore's journal in {@code ~/.heshell/restore/ID/journal.json} (directory 0700, file 0600): the plan and each
 * step's state, rewritten atomically after every change, so a killed run leaves a journal the next run trusts.
 */
public final class RestoreJournal {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).enable(SerializationFeature.INDENT_OUTPUT);

    /** pending, running, done, failed; {@code note} says what happened (why it failed, where it stopped). */
    public record StepState(String id, String title, String state, Instant started, Instant finished, String note) {
        StepState with(String newState, Instant start, Instant end, String newNote) {
            return new StepState(id, title, newState, start, end, newNote);
        }
    }

    /** What the file holds. */
    public record Content(String id, Instant created, RestorePlan plan, List<StepState> steps) {
        /**
         * A step's state as shown: "running" only while a run is {@code underway}; a step a run left running when it
         * died (kill -9, a crash) is "interrupted", and the next run goes on with it.
         */
        public String shown(StepState s, boolean underway) {
            return s.state().equals("running") && !underway ? "interrupted" : s.state();
        }

        /** Where the restore stands, in a phrase: finished, or the first step not done and its state. */
        public String standing(boolean underway) {
            for (StepState s : steps) {
                if (!s.state().equals("done")) {
                    String state = shown(s, underway);
                    int n = steps.indexOf(s) + 1;
                    String at = "step " + n + " of " + steps.size() + " (" + s.id() + ")";
                    return switch (state) {
                        case "running" -> "running " + at;
                        case "failed" -> "failed at " + at;
                        case "interrupted" -> "interrupted in " + at;
                        default -> n == 1 && s.note().isEmpty() ? "not started"
                                : (s.note().startsWith("stopped") ? "stopped at " : "next: ") + at;
                    };
                }
            }
            return "finished";
        }
    }

    /** The restores of a directory, newest first, and those whose journal cannot be read (id → why). */
    public record Listing(List<Content> restores, java.util.Map<String, String> damaged) {
    }

    private final Path file;
    private Content content;

    private RestoreJournal(Path file, Content content) {
        this.file = file;
        this.content = content;
    }

    /** A new journal for {@code plan}, every step pending. */
    public static RestoreJournal create(Path root, RestorePlan plan) {
        Instant now = Instant.now();
        String base = "restore-" + ID_TIME.format(now);
        String id = base;
        for (int i = 2; Files.exists(root.resolve(id)); i++) {
            id = base + "-" + i;
        }
        List<StepState> steps = plan.steps().stream()
                .map(s -> new StepState(s.id(), s.title(), "pending", null, null, "")).toList();
        try {
            Files.createDirectories(root, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                    "rwx------")));
            Files.createDirectory(root.resolve(id), PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new RestoreException("cannot create the restore journal in " + root + ": " + e.getMessage(), e);
        }
        RestoreJournal j = new RestoreJournal(root.resolve(id).resolve("journal.json"), new Content(id, now, plan,
                steps));
        j.save();
        return j;
    }

    public static RestoreJournal open(Path root, String id) {
        Path f = root.resolve(id).resolve("journal.json");
        if (!id.matches("[A-Za-z0-9._-]+") || !Files.isRegularFile(f)) {
            throw new RestoreException("no restore '" + id + "' in " + root + " (`restore list` lists them)");
        }
        try {
            return new RestoreJournal(f, JSON.readValue(f.toFile(), Content.class));
        } catch (IOException e) {
            throw new RestoreException("the restore journal " + f + " cannot be read (" + e.getMessage()
                    + "); start a new one with `restore plan`", e);
        }
    }

    /** The ids of the restores in {@code root}, newest first. */
    public static List<String> ids(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("journal.json")))
                    .map(d -> d.getFileName().toString()).sorted(Comparator.reverseOrder()).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** Every restore in {@code root}, newest first; a damaged journal is listed as such, not fatal. */
    public static Listing list(Path root) {
        List<Content> restores = new ArrayList<>();
        java.util.Map<String, String> damaged = new java.util.LinkedHashMap<>();
        for (String id : ids(root)) {
            try {
                restores.add(open(root, id).content());
            } catch (RestoreException e) {
                damaged.put(id, e.getMessage());
            }
        }
        return new Listing(restores, damaged);
    }

    /** The lock a run holds on its restore while it works: the operating system's, so kill -9 releases it. */
    public static final class RunLock implements AutoCloseable {
        private final java.nio.channels.FileChannel channel;
        private final java.nio.channels.FileLock lock;

        private RunLock(java.nio.channels.FileChannel channel, java.nio.channels.FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        @Override
        public void close() {
            try {
                lock.release();
                channel.close();
            } catch (IOException ignored) {
                // the process ends, or the next run takes it anyway
            }
        }
    }

    /** Takes the run lock of this restore; empty when another run (in this process or another) holds it. */
    public Optional<RunLock> lockRun() {
        Path lockFile = file.resolveSibling(".run.lock");
        try {
            java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(lockFile,
                    java.util.Set.of(java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            java.nio.channels.FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException held) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            return Optional.of(new RunLock(channel, lock));
        } catch (IOException e) {
            throw new RestoreException("cannot lock the restore journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Whether a run is carrying out this restore now. */
    public boolean underway() {
        Optional<RunLock> probe = lockRun();
        probe.ifPresent(RunLock::close);
        return probe.isEmpty();
    }

    /** The newest restore of the same backup onto the same host that has not finished, if any. */
    public static Optional<RestoreJournal> unfinished(Path root, String backup, String deployOn) {
        for (String id : ids(root)) {
            try {
                RestoreJournal j = open(root, id);
                RestorePlan p = j.content().plan();
                if (p.backup().equals(backup) && p.deployOn().equalsIgnoreCase(deployOn) && !j.finished()) {
                    return Optional.of(j);
                }
            } catch (RestoreException e) {
                // a damaged journal is not resumed
            }
        }
        return Optional.empty();
    }

    public synchronized Content content() {
        return content;
    }

    public String id() {
        return content.id();
    }

    public synchronized boolean finished() {
        return content.steps().stream().allMatch(s -> s.state().equals("done"));
    }

    public synchronized StepState step(String id) {
        return content.steps().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    synchronized void started(String id) {
        update(id, s -> s.with("running", Instant.now(), null, ""));
    }

    synchronized void done(String id, String note) {
        update(id, s -> s.with("done", s.started() != null ? s.started() : Instant.now(), Instant.now(), note));
    }

    /** Stopped by the user: back to pending, with what was under way. */
    synchronized void stopped(String id, String where) {
        update(id, s -> s.with("pending", s.started(), null, "stopped: " + where));
    }

    synchronized void failed(String id, String why) {
        update(id, s -> s.with("failed", s.started(), Instant.now(), why));
    }

    private void update(String id, java.util.function.UnaryOperator<StepState> change) {
        List<StepState> next = new ArrayList<>();
        for (StepState s : content.steps()) {
            next.add(s.id().equals(id) ? change.apply(s) : s);
        }
        content = new Content(content.id(), content.created(), content.plan(), next);
        save();
    }

    private void save() {
        Path tmp = file.resolveSibling("journal.json.tmp");
        try {
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            JSON.writeValue(tmp.toFile(), content);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new RestoreException("cannot write the restore journal " + file + ": " + e.getMessage(), e);
        }
    }
}

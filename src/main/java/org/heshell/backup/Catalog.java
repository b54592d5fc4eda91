package org.heshell.backup;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * heshell's local catalog of backups (~/.heshell/backups): each backup's archive and a small JSON record beside
 * it. The directory is 0700 and every file 0600: backups hold the engine CA key and database passwords.
 */
public final class Catalog {
    /** Made on first need, like the JSON mapper: a formatter loads the JDK's locale data. */
    private static final class IdTime {
        static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneOffset.UTC);
    }
    private static final java.nio.file.attribute.FileAttribute<?> PRIVATE_FILE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
    private final Path dir;

    /** Made when a record is first read or written: every shell has a catalog, few runs use it. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).enable(SerializationFeature.INDENT_OUTPUT);
    }

    public Catalog(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /** The directory, created 0700 if missing. */
    public Path ensure() {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
            return dir;
        } catch (IOException e) {
            throw new BackupFormatException("cannot create the backup catalog " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * A new id for a backup of {@code engine} taken now, e.g. engine.lab.example-20261125-093100, reserved at once
     * (an empty .ID.reserved file made with create-new), so that two runs in the same second never share one.
     */
    public String newId(String engine, Instant at) {
        ensure();
        String base = engine + "-" + IdTime.FORMAT.format(at);
        for (int i = 1; ; i++) {
            String id = i == 1 ? base : base + "-" + i;
            if (Files.exists(dir.resolve(id + ".json"))) {
                continue;
            }
            try {
                Files.createFile(reservation(id), PRIVATE_FILE);
                return id;
            } catch (FileAlreadyExistsException taken) {
                // another run has it; try the next
            } catch (IOException e) {
                throw new BackupFormatException("cannot reserve a backup id in " + dir + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Takes {@code id} for a backup fetched again after the run that reserved it ended without recording it (its
     * archive is named after it): true when no record has it, the reservation then held here. The caller holds the
     * archive's lock, so no other run is fetching that archive now.
     */
    public boolean adopt(String id) {
        ensure();
        if (!id.matches("[A-Za-z0-9._-]+") || Files.exists(dir.resolve(id + ".json"))) {
            return false;
        }
        try {
            Files.createFile(reservation(id), PRIVATE_FILE);
        } catch (FileAlreadyExistsException left) {
            // the reservation of the run that did not finish: this run takes it over
        } catch (IOException e) {
            throw new BackupFormatException("cannot reserve the backup id " + id + " in " + dir + ": " + e.getMessage(),
                    e);
        }
        return true;
    }

    /** The time an id names (engine.lab.example-20261125-093100 → 2026-11-25T09:31:00Z), if it names one. */
    public static Optional<Instant> timeOf(String id) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-(\\d{8}-\\d{6})(-\\d+)?$").matcher(id);
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.from(IdTime.FORMAT.parse(m.group(1))));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Gives back an id reserved by {@link #newId} for a run that ended without recording it. */
    public void release(String id) {
        try {
            Files.deleteIfExists(reservation(id));
        } catch (IOException ignored) {
            // a hidden empty file: it only keeps the id from being used again
        }
    }

    private Path reservation(String id) {
        return dir.resolve("." + id + ".reserved");
    }

    /**
     * Writes the record whole or not at all: into a temporary file of its own (two runs never share one), synced,
     * then renamed over the record. If it cannot be written (a full disk), nothing half-written is left and the
     * error names the archive, which stays where it is.
     */
    public void record(CatalogEntry e) {
        ensure();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + e.id() + ".", ".json.tmp", PRIVATE_FILE);
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                out.write(java.nio.ByteBuffer.wrap(Json.MAPPER.writeValueAsBytes(e)));
                out.force(true);
            }
            Files.move(tmp, dir.resolve(e.id() + ".json"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            Files.deleteIfExists(reservation(e.id()));
        } catch (IOException x) {
            try {
                if (tmp != null) {
                    Files.deleteIfExists(tmp);
                }
            } catch (IOException ignored) {
                // the temporary file is hidden and never read as a record
            }
            throw new BackupFormatException("cannot record backup " + e.id() + " in " + dir + " (" + x.getMessage()
                    + "); its archive " + e.file() + " is kept: free space, then check it with `backup verify "
                    + e.file() + "`", x);
        }
    }

    /** A record that cannot be read as a backup, and why. */
    public record Damaged(Path record, String problem) {
        /** What it means and what to do, in one line. */
        public String advice() {
            return "the catalog record " + record + " is damaged: " + problem + "; its backup is not listed."
                    + " Inspect its archive by path (`backup inspect FILE`), then delete the record or take the"
                    + " backup again";
        }
    }

    /** What to say of a catalog backup whose archive is no longer there. */
    public static String gone(CatalogEntry e) {
        return "backup " + e.id() + " is in the catalog but its file " + e.file() + " is gone (moved or deleted); it"
                + " cannot be verified or restored: put the file back, or take a new backup with `backup create`";
    }

    /** The catalog: its backups newest first, which of them have lost their file, and the damaged records. */
    public record Listing(List<CatalogEntry> backups, Set<String> missing, List<Damaged> damaged) {
    }

    /** Every recorded backup, newest first; a damaged record is left out, never fatal (see {@link #listing()}). */
    public List<CatalogEntry> list() {
        return listing().backups();
    }

    public Listing listing() {
        List<CatalogEntry> out = new ArrayList<>();
        List<Damaged> damaged = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return new Listing(out, Set.of(), damaged);
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".json")
                    && !f.getFileName().toString().startsWith(".")).sorted().toList()) {
                String id = p.getFileName().toString().replaceFirst("\\.json$", "");
                try {
                    CatalogEntry e = Json.MAPPER.readValue(p.toFile(), CatalogEntry.class);
                    String problem = problem(e, id);
                    if (problem == null) {
                        out.add(e);
                    } else {
                        damaged.add(new Damaged(p, problem));
                    }
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    damaged.add(new Damaged(p, unreadable(e)));
                } catch (IOException | RuntimeException e) {
                    damaged.add(new Damaged(p, "it cannot be read (" + e.getMessage() + ")"));
                }
            }
        } catch (IOException e) {
            throw new BackupFormatException("cannot read the backup catalog " + dir + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(CatalogEntry::createdAt).reversed());
        Set<String> missing = new HashSet<>();
        out.stream().filter(e -> !Files.isRegularFile(e.file())).forEach(e -> missing.add(e.id()));
        return new Listing(out, missing, damaged);
    }

    /** Why a parsed record is not a usable one, or null when it is. */
    private static String problem(CatalogEntry e, String id) {
        if (e == null) {
            return "it holds no record (null)";
        }
        List<String> absent = new ArrayList<>();
        if (e.id() == null) {
            absent.add("id");
        }
        if (e.file() == null) {
            absent.add("file");
        }
        if (e.createdAt() == null) {
            absent.add("createdAt");
        }
        if (e.sha256() == null) {
            absent.add("sha256");
        }
        if (!absent.isEmpty()) {
            return "it lacks " + String.join(", ", absent);
        }
        return e.id().equals(id) ? null : "it names another backup (" + e.id() + ")";
    }

    private static String unreadable(com.fasterxml.jackson.core.JsonProcessingException e) {
        String m = String.valueOf(e.getOriginalMessage());
        if (e instanceof com.fasterxml.jackson.core.io.JsonEOFException || m.contains("end-of-input")) {
            return "it is cut short";
        }
        var at = e.getLocation();
        return "it is not valid JSON" + (at == null ? "" : " (line " + at.getLineNr() + ", column "
                + at.getColumnNr() + ")");
    }

    public Optional<CatalogEntry> find(String id) {
        return list().stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** Removes a backup: its archive first, then its record, so that a failure never leaves a file unrecorded. */
    public void remove(CatalogEntry e) throws IOException {
        Files.deleteIfExists(e.file());
        Files.deleteIfExists(dir.resolve(e.id() + ".json"));
        ArchiveLock.removeIfFree(e.file());
    }
}

package org.heshell.backup;

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
 * heshell's local catalog of backups (~/.heshell/backups): each backup's archive and a small JSON record beside
 * it. The directory is 0700 and every file 0600: backups hold the engine CA key and database passwords.
 */
public final class Catalog {
    private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    private final Path dir;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).enable(SerializationFeature.INDENT_OUTPUT);

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

    /** A new id for a backup of {@code engine} taken now, e.g. engine.lab.example-20261125-093100. */
    public String newId(String engine, Instant at) {
        String base = engine + "-" + ID_TIME.format(at);
        String id = base;
        for (int i = 2; Files.exists(dir.resolve(id + ".json")); i++) {
            id = base + "-" + i;
        }
        return id;
    }

    public void record(CatalogEntry e) {
        ensure();
        Path tmp = dir.resolve(e.id() + ".json.tmp");
        try {
            Files.deleteIfExists(tmp);
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            json.writeValue(tmp.toFile(), e);
            Files.move(tmp, dir.resolve(e.id() + ".json"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException x) {
            throw new BackupFormatException("cannot record backup " + e.id() + " in " + dir + ": " + x.getMessage(),
                    x);
        }
    }

    /** Every recorded backup, newest first; a damaged record is skipped, never fatal. */
    public List<CatalogEntry> list() {
        List<CatalogEntry> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".json")).toList()) {
                try {
                    out.add(json.readValue(p.toFile(), CatalogEntry.class));
                } catch (IOException e) {
                    // a damaged record: the archive is still there to inspect by path
                }
            }
        } catch (IOException e) {
            throw new BackupFormatException("cannot read the backup catalog " + dir + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(CatalogEntry::createdAt).reversed());
        return out;
    }

    public Optional<CatalogEntry> find(String id) {
        return list().stream().filter(e -> e.id().equals(id)).findFirst();
    }

    /** Removes a backup: its archive first, then its record, so that a failure never leaves a file unrecorded. */
    public void remove(CatalogEntry e) throws IOException {
        Files.deleteIfExists(e.file());
        Files.deleteIfExists(dir.resolve(e.id() + ".json"));
    }
}

package org.heshell.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;

/**
 * Writes an archive in engine-backup's format: a tar.gz of ./version, ./os_version, ./config, ./files (a tar.xz
 * of configuration files), ./db/engine_backup.db (custom-format dump) and ./sha256sum. Secrets are inside (the
 * engine CA key), so the archive and its working files are created 0600, and the result appears under its final
 * name only when complete.
 */
public final class BackupWriter {
    /** A configuration file to put in ./files, with its path relative to / (e.g. etc/ovirt-engine/...). */
    public record ConfigFile(String path, String content, int mode) {
    }

    /** What to write; {@code tables} null for a files-only backup, {@code files} empty for a db-only one. */
    public record Spec(String engineVersion, String osVersion, List<ConfigFile> files, List<DumpTable> tables,
                       String serverVersion) {
    }

    private BackupWriter() {
    }

    public static void write(Path target, Spec spec) throws IOException {
        Path work = Files.createTempDirectory(target.toAbsolutePath().getParent(), ".heshell-backup-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        try {
            Map<String, Path> entries = new LinkedHashMap<>();
            entries.put("version", text(work, "version", spec.engineVersion() + "\n"));
            if (spec.osVersion() != null) {
                entries.put("os_version", text(work, "os_version", spec.osVersion() + "\n"));
            }
            entries.put("config", text(work, "config", "DB_DUMP_COMPRESSOR=\nDB_DUMP_FORMAT=custom\n"
                    + "DWH_DB_DUMP_COMPRESSOR=\nDWH_DB_DUMP_FORMAT=custom\n"));
            if (!spec.files().isEmpty()) {
                entries.put("files", filesTar(work, spec.files()));
            }
            if (spec.tables() != null) {
                Path dump = privateFile(work.resolve("engine_backup.db"));
                try (OutputStream out = Files.newOutputStream(dump)) {
                    CustomDumpWriter.write(out, "engine", spec.serverVersion(), spec.tables(), true);
                }
                entries.put("db/engine_backup.db", dump);
            }
            StringBuilder sums = new StringBuilder();
            for (Map.Entry<String, Path> e : entries.entrySet()) {
                sums.append(Checksums.sha256(e.getValue())).append("  ").append(e.getKey()).append('\n');
            }
            entries.put("sha256sum", text(work, "sha256sum", sums.toString()));

            Path partial = privateFile(work.resolve("archive.tar.gz"));
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(
                    Files.newOutputStream(partial), 65536))) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                directory(tar, "./");
                if (spec.tables() != null) {
                    directory(tar, "./db/");
                }
                for (Map.Entry<String, Path> e : entries.entrySet()) {
                    TarArchiveEntry t = new TarArchiveEntry(e.getValue().toFile(), "./" + e.getKey());
                    t.setMode(0100600);
                    tar.putArchiveEntry(t);
                    Files.copy(e.getValue(), tar);
                    tar.closeArchiveEntry();
                }
            }
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void directory(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry d = new TarArchiveEntry(name, TarArchiveEntry.LF_DIR);
        d.setMode(040700);
        tar.putArchiveEntry(d);
        tar.closeArchiveEntry();
    }

    private static Path filesTar(Path work, List<ConfigFile> files) throws IOException {
        Path out = privateFile(work.resolve("files"));
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZCompressorOutputStream(
                Files.newOutputStream(out)))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (ConfigFile f : files) {
                byte[] content = f.content().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry e = new TarArchiveEntry(f.path());
                e.setSize(content.length);
                e.setMode(0100000 | f.mode());
                tar.putArchiveEntry(e);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        return out;
    }

    private static Path text(Path work, String name, String content) throws IOException {
        Path p = privateFile(work.resolve(name));
        Files.writeString(p, content);
        return p;
    }

    private static Path privateFile(Path p) throws IOException {
        return Files.createFile(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
}

package org.heshell.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.heshell.model.Environment;

/**
 * Reads an engine-backup archive in one pass, front to back, in bounded memory, extracting nothing: the outer tar
 * (gzip, bzip2, xz or none, told from the bytes), its small metadata entries, the inner tar of files for the engine
 * FQDN, and the engine database dump streamed straight into the tables heshell needs. Every entry is hashed while
 * it is read and checked against the archive's own sha256sum (md5sum in 4.2 and older).
 */
public final class BackupArchive {
    static final String ENGINE_DB = "db/engine_backup.db";
    static final String PROTOCOLS_CONF = "etc/ovirt-engine/engine.conf.d/10-setup-protocols.conf";
    private static final int MAX_ENTRIES = 10_000;
    private static final int MAX_SMALL = 1 << 20;

    private BackupArchive() {
    }

    public static BackupContents inspect(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file);
        } catch (NoSuchFileException e) {
            throw new BackupFormatException("no backup file " + file);
        } catch (IOException e) {
            throw new BackupFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static BackupContents read(InputStream raw, Path file) throws IOException {
        String name = file.getFileName().toString();
        CountingStream tarBytes;
        try {
            tarBytes = new CountingStream(Compression.open(raw, name));
        } catch (java.util.zip.ZipException | java.io.EOFException e) {
            throw new BackupFormatException(name + ": the compressed archive is corrupt or truncated (" + e.getMessage()
                    + ")", e);
        }
        Reading r = new Reading(name);
        TarArchiveInputStream tar = new TarArchiveInputStream(tarBytes);
        int entries = 0;
        while (true) {
            TarArchiveEntry e;
            try {
                e = tar.getNextEntry();
            } catch (IOException | RuntimeException bad) {
                throw new BackupFormatException(name + " at byte " + tarBytes.count() + " of the tar: "
                        + (entries == 0 ? "not a tar archive" : "a damaged tar header") + " ("
                        + bad.getMessage() + ")", bad);
            }
            if (e == null) {
                break;
            }
            if (++entries > MAX_ENTRIES) {
                throw new BackupFormatException(name + ": more than " + MAX_ENTRIES + " entries; not an engine backup");
            }
            String path = entryPath(name, e.getName());
            if (e.isDirectory()) {
                continue;
            }
            // commons-compress calls anything that is not a directory a "file"; links and devices are told apart here.
            if (e.isSymbolicLink() || e.isLink() || e.isCharacterDevice() || e.isBlockDevice() || e.isFIFO()
                    || !e.isFile()) {
                throw new BackupFormatException(name + ": entry ./" + path + " is a link or device; engine backups"
                        + " hold only files and directories, so this archive is refused");
            }
            long start = tarBytes.count();
            try {
                r.entry(path, tar, e.getSize());
            } catch (BackupFormatException bad) {
                throw bad;
            } catch (IOException | RuntimeException bad) {
                throw new BackupFormatException(name + ": entry ./" + path + " at byte " + (tarBytes.count() - start)
                        + " cannot be read (" + bad + "); the archive is damaged or truncated", bad);
            }
        }
        if (entries == 0) {
            throw new BackupFormatException(name + ": an empty archive; not an engine backup");
        }
        return r.finish(file);
    }

    /** The entry's path without "./"; absolute paths and ".." are refused, as they would escape any extraction. */
    static String entryPath(String archive, String raw) {
        String p = raw;
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        if (p.startsWith("/") || p.equals("..") || p.startsWith("../") || p.contains("/../") || p.endsWith("/..")) {
            throw new BackupFormatException(archive + ": entry '" + raw + "' points outside the archive; refused");
        }
        return p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /** State gathered while one archive streams past. */
    private static final class Reading {
        private final String name;
        private final Map<String, String> sha256 = new HashMap<>();
        private final Map<String, String> md5 = new HashMap<>();
        private final Map<String, String> config = new LinkedHashMap<>();
        private final Set<String> scope = new LinkedHashSet<>();
        private final EngineDatabase db = new EngineDatabase();
        private String version;
        private String osVersion;
        private String engineFqdn;
        private DumpInfo dump;
        private String sumsName;
        private String sums;

        Reading(String name) {
            this.name = name;
        }

        void entry(String path, InputStream entry, long size) throws IOException {
            MessageDigest s = digest("SHA-256");
            MessageDigest m = digest("MD5");
            InputStream in = new HashingStream(entry, s, m);
            switch (path) {
                case "version" -> version = small(path, in, size).strip();
                case "os_version" -> osVersion = small(path, in, size).strip();
                case "config" -> parseConfig(small(path, in, size));
                case "sha256sum", "md5sum" -> {
                    sumsName = path;
                    sums = small(path, in, size);
                }
                case "files" -> {
                    scope.add("files");
                    engineFqdn = FilesTar.engineFqdn(in, name + ": entry ./files");
                }
                case ENGINE_DB -> {
                    scope.add("db");
                    dump = DumpReader.read(in, name + ": entry ./" + ENGINE_DB, db);
                }
                default -> {
                    if (path.startsWith("db/")) {
                        scope.add(path.substring(3).replaceFirst("(_backup)?\\.db$", ""));
                    }
                }
            }
            in.transferTo(OutputStreamSink.INSTANCE);
            if (!path.equals("sha256sum") && !path.equals("md5sum")) {
                sha256.put(path, HexFormat.of().formatHex(s.digest()));
                md5.put(path, HexFormat.of().formatHex(m.digest()));
            }
        }

        private String small(String path, InputStream in, long size) throws IOException {
            if (size > MAX_SMALL) {
                throw new BackupFormatException(name + ": entry ./" + path + " has " + size + " bytes; an engine"
                        + " backup's " + path + " is a few lines, so this is not one");
            }
            return new String(in.readNBytes(MAX_SMALL), StandardCharsets.UTF_8);
        }

        private void parseConfig(String text) {
            for (String line : text.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#")) {
                    String value = line.substring(eq + 1).strip();
                    if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                            || value.startsWith("'") && value.endsWith("'"))) {
                        value = value.substring(1, value.length() - 1);
                    }
                    config.put(line.substring(0, eq).strip(), value);
                }
            }
        }

        BackupContents finish(Path file) {
            if (version == null || sums == null) {
                throw new BackupFormatException(name + ": no ./version or no ./sha256sum (./md5sum); this is not an"
                        + " archive written by engine-backup");
            }
            List<String> verified = verify();
            if (dump == null) {
                throw new BackupFormatException(name + ": the backup holds no engine database (./" + ENGINE_DB
                        + "; scope " + String.join(", ", scope) + "); there is no environment to show");
            }
            if (!db.sawEngineTables()) {
                throw new BackupFormatException(name + ": ./" + ENGINE_DB + " has no vds_static or vm_static table;"
                        + " it is a dump of another database, not the engine's");
            }
            String fqdn = engineFqdn != null ? engineFqdn : "unknown (no ./files in this backup)";
            Environment env = db.environment(fqdn, version);
            return new BackupContents(file, version, osVersion, config, fqdn, db.schemaVersion(), dump, env,
                    List.copyOf(scope), sumsName, verified);
        }

        /** Every file the checksum list names is present and matches; returns the entries so checked. */
        private List<String> verify() {
            Map<String, String> actual = sumsName.equals("md5sum") ? md5 : sha256;
            List<String> checked = new ArrayList<>();
            for (String line : sums.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.strip().split("\\s+\\*?", 2);
                if (parts.length != 2) {
                    throw new BackupFormatException(name + ": ./" + sumsName + " has an unreadable line: " + line);
                }
                String path = entryPath(name, parts[1].strip());
                String got = actual.get(path);
                if (got == null) {
                    throw new BackupFormatException(name + ": ./" + sumsName + " lists " + path + " but the archive"
                            + " does not hold it; the backup is incomplete");
                }
                if (!got.equalsIgnoreCase(parts[0])) {
                    throw new BackupFormatException(name + ": checksum mismatch for ./" + path + " (" + sumsName
                            + " says " + abbreviate(parts[0]) + ", the content is " + abbreviate(got)
                            + "); the backup is damaged or was altered, do not restore from it");
                }
                checked.add(path);
            }
            return checked;
        }

        private static String abbreviate(String hash) {
            return hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
        }

        private static MessageDigest digest(String algorithm) {
            try {
                return MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Where the unread rest of an entry goes so that its digest covers all of it. */
    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}

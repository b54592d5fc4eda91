package org.heshell.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.heshell.io.LocalFile;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.heshell.model.Environment;

/**
 * Reads an engine-backup archive in one pass, front to back, in bounded memory, extracting nothing: the outer tar
 * (gzip, bzip2, xz or none, told from the bytes), its small metadata entries, the inner tar of files for the engine
 * FQDN, and the engine database dump streamed straight into the tables heshell needs. Every entry is hashed while
 * it is read and checked against the archive's own sha256sum (md5sum in 4.2 and older), which must list every file
 * exactly; no path may appear twice. What this accepts, the real restore path takes whole (DESIGN, "What verified
 * means"): see TarReader and Compression for the tar and compression checks, ArchiveLimits for the bounds.
 */
public final class BackupArchive {
    static final String ENGINE_DB = "db/engine_backup.db";
    private static final Set<String> CHECKSUM_FILES = Set.of("sha256sum", "md5sum");

    private BackupArchive() {
    }

    public static BackupContents inspect(Path file) {
        return inspect(file, null).contents();
    }

    /**
     * What an archive holds and, for one read from an encrypted file, the SHA-256 of the clear archive it
     * decrypted to (null for a clear file: its digest is the file's).
     */
    public record Inspected(BackupContents contents, String clearSha256) {
    }

    /**
     * Reads {@code file}, a clear archive or one encrypted as an OpenPGP message (told from its first bytes), which
     * is decrypted with {@code identity} as it is read: no clear copy is written and the message is read to its end,
     * its integrity code checked. An encrypted file without an identity is refused, saying which key it needs.
     */
    public static Inspected inspect(Path file, Identity identity) {
        refuseNonRegular(file);
        if (OpenPgp.isMessage(file)) {
            if (identity == null) {
                throw new BackupFormatException(file + " is an encrypted backup (OpenPGP, to the key "
                        + String.join(", ", OpenPgp.recipients(file)) + "); give its private key with --decrypt-with"
                        + " KEY");
            }
            try (InputStream raw = Files.newInputStream(file)) {
                MessageDigest sha = Reading.digest("SHA-256");
                OpenPgp.Decrypted clear = OpenPgp.decrypt(raw, identity, file.getFileName().toString());
                InputStream hashed = new HashingStream(clear, sha);
                BackupContents contents = read(hashed, file);
                hashed.transferTo(java.io.OutputStream.nullOutputStream());
                return new Inspected(contents.encryptedTo(clear.fingerprint()), HexFormat.of().formatHex(
                        sha.digest()));
            } catch (IOException e) {
                throw new BackupFormatException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return new Inspected(plain(file), null);
    }

    private static BackupContents plain(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file);
        } catch (NoSuchFileException e) {
            throw new BackupFormatException("no backup file " + file);
        } catch (IOException e) {
            throw new BackupFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A FIFO or device would be read forever or be nothing; refused before a byte is read. */
    private static void refuseNonRegular(Path file) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new BackupFormatException("no backup file " + file);
        } catch (IOException e) {
            throw new BackupFormatException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (a.isRegularFile()) {
            return;
        }
        String kind = LocalFile.kind(file, a);
        throw new BackupFormatException(file + " is " + kind + ", not a tar archive; give the path of an"
                + " engine-backup archive file");
    }

    static BackupContents read(InputStream raw, Path file) throws IOException {
        String name = file.getFileName().toString();
        Compression.Opened opened = Compression.open(raw, name);
        try {
            return read(new TarReader(opened, name, ArchiveLimits.OUTER_TAR_HEADERS), name, file);
        } catch (BackupFormatException e) {
            throw opened.cause(e);
        }
    }

    private static BackupContents read(TarReader tar, String name, Path file) throws IOException {
        Reading r = new Reading(name);
        TarNames names = new TarNames(name);
        int entries = 0;
        for (TarReader.Entry e = tar.next(); e != null; e = tar.next()) {
            entries++;
            String path = entryPath(name, e.name());
            if (e.kind() == TarReader.Kind.LINK_OR_DEVICE) {
                throw new BackupFormatException(name + ": entry ./" + path + " is a link or device; engine backups"
                        + " hold only files and directories, so this archive is refused");
            }
            boolean directory = e.kind() == TarReader.Kind.DIRECTORY;
            names.add(path, directory);
            if (directory) {
                continue;
            }
            r.files.add(path);
            r.newest = Math.max(r.newest, e.mtime());
            try {
                r.entry(path, tar.data(), e.size());
            } catch (BackupFormatException bad) {
                throw bad;
            } catch (IOException | RuntimeException bad) {
                throw new BackupFormatException(name + ": entry ./" + path + " cannot be read (" + bad
                        + "); the archive is damaged or truncated", bad);
            }
        }
        if (entries == 0) {
            throw new BackupFormatException(name + ": a tar archive with no entries, not an engine backup");
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
        private FilesPart filesPart;
        private DumpInfo dump;
        private final Set<String> files = new HashSet<>();
        private final Map<String, String> sums = new HashMap<>();

        /** The newest modification time of the archive's files, in epoch seconds: when engine-backup wrote them. */
        long newest;

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
                case "sha256sum", "md5sum" -> sums.put(path, small(path, in, size));
                case "files" -> {
                    scope.add("files");
                    filesPart = FilesTar.read(in, name + ": entry ./files");
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
            in.transferTo(java.io.OutputStream.nullOutputStream());
            if (!CHECKSUM_FILES.contains(path)) {
                sha256.put(path, HexFormat.of().formatHex(s.digest()));
                md5.put(path, HexFormat.of().formatHex(m.digest()));
            }
        }

        private String small(String path, InputStream in, long size) throws IOException {
            if (size > ArchiveLimits.MAX_METADATA) {
                throw new BackupFormatException(name + ": entry ./" + path + " has " + size + " bytes; an engine"
                        + " backup's " + path + " is a few lines, so this is not one");
            }
            return new String(in.readNBytes(ArchiveLimits.MAX_METADATA), StandardCharsets.UTF_8);
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
            if (version == null || sums.isEmpty()) {
                throw new BackupFormatException(name + ": no ./version or no ./sha256sum (./md5sum); this is not an"
                        + " archive written by engine-backup");
            }
            String sumsName = sums.containsKey("sha256sum") ? "sha256sum" : "md5sum";
            List<String> verified = verify(sumsName);
            if (dump == null) {
                throw new BackupFormatException(name + ": the backup holds no engine database (./" + ENGINE_DB
                        + "; scope " + String.join(", ", scope) + "); there is no environment to show");
            }
            if (!db.sawEngineTables()) {
                throw new BackupFormatException(name + ": ./" + ENGINE_DB + " has no vds_static or vm_static table;"
                        + " it is a dump of another database, not the engine's");
            }
            String fqdn = filesPart != null && filesPart.engineFqdn() != null ? filesPart.engineFqdn()
                    : "unknown (no ./files in this backup)";
            Environment env = db.environment(fqdn, version);
            return new BackupContents(file, version, osVersion, config, fqdn, db.schemaVersion(), dump, env,
                    List.copyOf(scope), sumsName, verified, newest > 0 ? Instant.ofEpochSecond(newest) : null,
                    filesPart, null);
        }

        /**
         * The checksum list covers the archive exactly, as `sha256sum -c` run in the extracted backup would need:
         * every file it names is present and matches, and every file present is named. Returns the entries checked.
         */
        private List<String> verify(String sumsName) {
            Map<String, String> actual = sumsName.equals("md5sum") ? md5 : sha256;
            int length = sumsName.equals("md5sum") ? 32 : 64;
            Set<String> checked = new LinkedHashSet<>();
            for (String line : sums.get(sumsName).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                String[] parts = line.strip().split("\\s+\\*?", 2);
                if (parts.length != 2 || parts[0].length() != length || !parts[0].matches("[0-9a-fA-F]+")) {
                    throw new BackupFormatException(name + ": ./" + sumsName + " has an unreadable line: " + line
                            + "; the archive is damaged");
                }
                String path = entryPath(name, parts[1].strip());
                String got = actual.get(path);
                if (got == null) {
                    throw new BackupFormatException(name + ": ./" + sumsName + " lists " + path + " but the archive"
                            + " does not hold it; the backup is incomplete, do not restore from it");
                }
                if (!got.equalsIgnoreCase(parts[0])) {
                    throw new BackupFormatException(name + ": checksum mismatch for ./" + path + " (" + sumsName
                            + " says " + abbreviate(parts[0]) + ", the content is " + abbreviate(got)
                            + "); the backup is damaged or was altered, do not restore from it");
                }
                checked.add(path);
            }
            if (checked.isEmpty()) {
                throw new BackupFormatException(name + ": ./" + sumsName + " lists no entries, so nothing in the"
                        + " archive can be checked; it is not a verifiable backup");
            }
            for (String path : actual.keySet().stream().sorted().toList()) {
                if (!checked.contains(path)) {
                    throw new BackupFormatException(name + ": ./" + path + " is in the archive but ./" + sumsName
                            + " does not list it, so it cannot be checked; the backup was altered, do not restore"
                            + " from it");
                }
            }
            return List.copyOf(checked);
        }

        private static String abbreviate(String hash) {
            return hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
        }

        static MessageDigest digest(String algorithm) {
            try {
                return MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}

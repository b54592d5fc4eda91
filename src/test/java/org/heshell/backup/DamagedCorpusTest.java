package org.heshell.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated corpus of damaged engine backups (flips, cuts and inserts in the compressed stream, the inner tar,
 * the dump and ./files; crafted tar headers and checksum files), judged by heshell in this JVM and by the real
 * restore path: GNU tar -xf, sha256sum -c, pg_restore --list, pg_restore of all data (to /dev/null) and tar -t of
 * ./files. Whatever heshell verifies, the real tools must take whole; heshell may refuse more.
 */
class DamagedCorpusTest {
    @TempDir
    static Path work;
    static byte[] tar;
    static Map<String, byte[]> entries = new LinkedHashMap<>();
    static final List<Variant> VARIANTS = new ArrayList<>();

    /** One damaged archive: its class, what was done, where it is, and heshell's answer (null: verified). */
    record Variant(String kind, String what, Path file, String refusal) {
    }

    /** The key encrypted variants are made to; gpg decrypts them before the other tools judge the clear bytes. */
    static GpgFixture gpg;
    static Identity identity;
    /** An encrypted variant's clear archive as gpg decrypted it, or no entry when gpg refused it. */
    static final Map<Path, Path> DECRYPTED = new LinkedHashMap<>();
    static final Map<Path, Boolean> ENCRYPTED = new LinkedHashMap<>();

    @BeforeAll
    static void corpus() throws Exception {
        PostgresFixture.requireOrSkip();
        Path dump;
        try (PostgresFixture pg = PostgresFixture.start()) {
            pg.sql("engine", EngineBackupFixture.SCHEMA + EngineBackupFixture.FAILOVER_DATA);
            dump = pg.dump(work.resolve("engine.dump"), "-Fc");
        }
        tar = Files.readAllBytes(EngineBackupFixture.pack(work, dump, "custom", "engine.lab.example", ""));
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.isFile()) {
                    entries.put(e.getName().replaceFirst("^\\./", ""), in.readAllBytes());
                }
            }
        }
        Random r = new Random(20261202);
        byte[] gz = gzip(tar);
        for (int i = 0; i < 50; i++) {
            byte[] b = gz.clone();
            int at = r.nextInt(b.length);
            b[at] ^= (byte) (1 << r.nextInt(8));
            add("compressed: flip", "bit flipped at byte " + at, b);
        }
        for (int i = 0; i < 30; i++) {
            int at = i < 10 ? gz.length - 1 - i : r.nextInt(gz.length);
            add("compressed: cut", "cut to " + at + " bytes", Arrays.copyOf(gz, at));
        }
        for (int i = 0; i < 30; i++) {
            int at = i < 6 ? gz.length : r.nextInt(gz.length);
            byte[] ins = new byte[1 + r.nextInt(16)];
            r.nextBytes(ins);
            if (i < 3) {
                Arrays.fill(ins, (byte) 0);
            }
            add("compressed: insert", ins.length + " bytes inserted at " + at, insert(gz, at, ins));
        }
        for (int i = 0; i < 60; i++) {
            byte[] b = tar.clone();
            // Half in the headers, half anywhere.
            int at = i % 2 == 0 ? headers().get(r.nextInt(headers().size())) + r.nextInt(512) : r.nextInt(b.length);
            b[at] ^= (byte) (1 + r.nextInt(255));
            add("inner tar: flip", "byte " + at + " changed", gzip(b));
        }
        for (int i = 0; i < 20; i++) {
            int at = r.nextInt(tar.length);
            add("inner tar: cut", "cut to " + at + " bytes", gzip(Arrays.copyOf(tar, at)));
        }
        crafted(r);
        for (int i = 0; i < 40; i++) {
            byte[] d = entries.get("db/engine_backup.db").clone();
            int at = r.nextInt(d.length);
            d[at] ^= (byte) (1 + r.nextInt(255));
            String what = "dump byte " + at + " changed, sha256sum recomputed";
            add("dump: flip", what, pack(with("db/engine_backup.db", d), true));
        }
        for (int i = 0; i < 10; i++) {
            byte[] d = entries.get("db/engine_backup.db");
            int at = r.nextInt(d.length);
            add("dump: cut", "dump cut to " + at + " bytes, sha256sum recomputed",
                    pack(with("db/engine_backup.db", Arrays.copyOf(d, at)), true));
        }
        for (int i = 0; i < 20; i++) {
            byte[] f = entries.get("files").clone();
            int at = r.nextInt(f.length);
            f[at] ^= (byte) (1 + r.nextInt(255));
            add("files: flip", "./files byte " + at + " changed, sha256sum recomputed", pack(with("files", f), true));
        }
        inserts(r);
        otherCompressions(r);
        gzipMembers();
        encrypted(r);
        sums();
    }

    /** Bytes added inside the inner tar, the dump and ./files (the checksum file made to match where it says). */
    private static void inserts(Random r) throws IOException {
        for (int i = 0; i < 20; i++) {
            int at = r.nextInt(tar.length);
            add("inner tar: insert", (1 + i % 7) + " bytes inserted at " + at, gzip(insert(tar, at, random(r,
                    1 + i % 7))));
        }
        byte[] d = entries.get("db/engine_backup.db");
        for (int i = 0; i < 20; i++) {
            int at = r.nextInt(d.length);
            add("dump: insert", (1 + i % 5) + " bytes inserted in the dump at " + at + ", sha256sum recomputed",
                    pack(with("db/engine_backup.db", insert(d, at, random(r, 1 + i % 5))), true));
        }
        byte[] f = entries.get("files");
        for (int i = 0; i < 10; i++) {
            int at = r.nextInt(f.length);
            add("files: cut", "./files cut to " + at + " bytes, sha256sum recomputed",
                    pack(with("files", Arrays.copyOf(f, at)), true));
            int in = r.nextInt(f.length);
            add("files: insert", "3 bytes inserted in ./files at " + in + ", sha256sum recomputed",
                    pack(with("files", insert(f, in, random(r, 3))), true));
        }
    }

    private static byte[] random(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    /** engine-backup --archive-compressor=bzip2|xz: the same damage in those streams (their own CRCs and index). */
    private static void otherCompressions(Random r) throws IOException {
        for (String c : List.of("bzip2", "xz")) {
            byte[] good = compress(c, tar);
            add(c + ": intact", "the base archive, " + c, good);
            for (int i = 0; i < 20; i++) {
                byte[] b = good.clone();
                int at = r.nextInt(b.length);
                b[at] ^= (byte) (1 << r.nextInt(8));
                add(c + ": flip", "bit flipped at byte " + at, b);
            }
            for (int i = 0; i < 8; i++) {
                int at = i < 3 ? good.length - 1 - i : r.nextInt(good.length);
                add(c + ": cut", "cut to " + at + " bytes", Arrays.copyOf(good, at));
            }
            add(c + ": insert", "garbage after the stream", insert(good, good.length, "garbage\n".getBytes(
                    StandardCharsets.US_ASCII)));
            add(c + ": insert", "a second stream of another archive after the first",
                    insert(good, good.length, compress(c, tarOf(with("version", "4.5.7\n".getBytes(
                            StandardCharsets.US_ASCII))))));
        }
    }

    private static byte[] compress(String c, byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.io.OutputStream z = c.equals("xz")
                ? new org.apache.commons.compress.compressors.xz.XZCompressorOutputStream(out)
                : new org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream(out)) {
            z.write(b);
        }
        return out.toByteArray();
    }

    /**
     * gzip's own header fields and several members: GNU tar reads the members as one stream and stops at the
     * first end-of-archive, so a second archive appended after it would never be restored.
     */
    private static void gzipMembers() throws IOException {
        byte[] gz = gzip(tar);
        byte[] other = gzip(tarOf(with("version", "4.5.7\n".getBytes(StandardCharsets.US_ASCII))));
        add("gzip members", "a second archive's member appended", insert(gz, gz.length, other));
        int half = tar.length / 1024 * 512;
        add("gzip members", "the archive split over two members", insert(gzip(Arrays.copyOf(tar, half)),
                gzip(Arrays.copyOf(tar, half)).length, gzip(Arrays.copyOfRange(tar, half, tar.length))));
        add("gzip members", "an empty member appended", insert(gz, gz.length, gzip(new byte[0])));
        byte[] named = gz.clone();
        named[3] |= 0x08; // FNAME, with the name inserted after the 10-byte header
        add("gzip members", "an original file name in the header", insert(named, 10, "engine.tar\0".getBytes(
                StandardCharsets.US_ASCII)));
        byte[] hcrc = gz.clone();
        hcrc[3] |= 0x02; // FHCRC with a CRC16 that does not match the header
        add("gzip members", "a header CRC that does not match", insert(hcrc, 10, new byte[] {0x12, 0x34}));
        byte[] os = gz.clone();
        os[9] = 3; // OS: Unix; informational only
        add("gzip members", "another OS byte", os);
    }

    /** The inner tar of these entries as {@link #pack} lays it out, not compressed. */
    private static byte[] tarOf(Map<String, byte[]> m) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(pack(m,
                true)))) {
            in.transferTo(out);
        }
        return out.toByteArray();
    }

    /**
     * An archive encrypted as heshell writes it (--encrypt-to) and as gpg --encrypt writes it (compressed by gpg),
     * flipped, cut and lengthened: judged by heshell with the private key, and by gpg --decrypt before the others.
     */
    private static void encrypted(Random r) throws Exception {
        gpg = GpgFixture.create(work, "corpus", "future-default", "");
        identity = Identity.load(gpg.privateKey, PassphrasePrompt.NONE);
        Path clear = work.resolve("clear.tar.gz");
        Files.write(clear, gzip(tar));
        Path ours = work.resolve("ours.tar.gz.gpg");
        try (java.io.OutputStream enc = OpenPgp.encrypt(Files.newOutputStream(ours), EncryptionKey.load(
                gpg.publicKey, "--encrypt-to"), "clear.tar.gz")) {
            Files.copy(clear, enc);
        }
        Path theirs = work.resolve("theirs.tar.gz.gpg");
        gpg.encrypt(clear, theirs);
        for (Path p : List.of(ours, theirs)) {
            String by = p == ours ? "heshell" : "gpg";
            byte[] good = Files.readAllBytes(p);
            addEncrypted("encrypted: intact", "encrypted by " + by, good);
            for (int i = 0; i < 20; i++) {
                byte[] b = good.clone();
                // the first bytes hold the key packet; most of the file is the encrypted data
                int at = i < 5 ? r.nextInt(Math.min(600, b.length)) : r.nextInt(b.length);
                b[at] ^= (byte) (1 << r.nextInt(8));
                addEncrypted("encrypted: flip", "encrypted by " + by + ", bit flipped at byte " + at, b);
            }
            for (int i = 0; i < 8; i++) {
                int at = i < 3 ? good.length - 1 - i : r.nextInt(good.length);
                addEncrypted("encrypted: cut", "encrypted by " + by + ", cut to " + at + " bytes",
                        Arrays.copyOf(good, at));
            }
            addEncrypted("encrypted: insert", "encrypted by " + by + ", garbage after the message", insert(good,
                    good.length, "garbage".getBytes(StandardCharsets.US_ASCII)));
        }
        // Damage made before encryption: the message is intact, its contents are not.
        byte[] cut = Arrays.copyOf(gzip(tar), gzip(tar).length - 5);
        Path damaged = work.resolve("damaged.tar.gz");
        Files.write(damaged, cut);
        Path enc = work.resolve("damaged.tar.gz.gpg");
        gpg.encrypt(damaged, enc);
        addEncrypted("encrypted: intact", "a cut archive, encrypted whole by gpg", Files.readAllBytes(enc));
    }

    private static void addEncrypted(String kind, String what, byte[] bytes) throws Exception {
        Path file = work.resolve("variant-" + VARIANTS.size() + ".tar.gz.gpg");
        Files.write(file, bytes);
        String refusal = null;
        try {
            BackupArchive.inspect(file, identity);
        } catch (BackupFormatException e) {
            refusal = e.getMessage();
            assertTrue(!refusal.isBlank() && !refusal.contains("\n") && !refusal.contains("null"), kind + ", " + what
                    + ": " + refusal);
        }
        Path clear = work.resolve("variant-" + VARIANTS.size() + ".decrypted");
        try {
            gpg.decrypt(file, clear);
            DECRYPTED.put(file, clear);
        } catch (IOException e) {
            Files.deleteIfExists(clear); // gpg refused it: nothing of it goes on
        }
        ENCRYPTED.put(file, true);
        VARIANTS.add(new Variant(kind, what, file, refusal));
    }

    @AfterAll
    static void stopGpg() throws Exception {
        if (gpg != null) {
            gpg.close();
        }
    }

    private static List<Integer> headers() {
        List<Integer> out = new ArrayList<>();
        int at = 0;
        while (at + 512 <= tar.length && tar[at] != 0) {
            out.add(at);
            long size = Long.parseLong(new String(tar, at + 124, 11, StandardCharsets.US_ASCII).trim(), 8);
            at += 512 + (int) ((size + 511) / 512 * 512);
        }
        return out;
    }

    /** Headers changed with their checksum made right again: only their meaning tells. */
    private static void crafted(Random r) throws IOException {
        List<Integer> hs = headers();
        int db = -1;
        int version = -1;
        for (int h : hs) {
            String name = new String(tar, h, 100, StandardCharsets.US_ASCII).replace("\0", "");
            db = name.equals("./db/engine_backup.db") ? h : db;
            version = name.equals("./version") ? h : version;
        }
        for (char type : new char[] {'1', '2', '3', '4', '6', 'S', 'V', 'K', 'g', 'x', 'L', '7', 'Z'}) {
            byte[] b = tar.clone();
            b[db + 156] = (byte) type;
            add("crafted header", "db entry typed '" + type + "'", gzip(rechecksum(b, db)));
        }
        String[] names = {"./version", "./db/../db/engine_backup.db", "/db/engine_backup.db", "./db/other.db",
            "db/engine_backup.db", "./sha256sum", "./files"};
        for (String n : names) {
            byte[] b = tar.clone();
            Arrays.fill(b, db, db + 100, (byte) 0);
            System.arraycopy(n.getBytes(StandardCharsets.US_ASCII), 0, b, db, n.length());
            add("crafted header", "db entry renamed " + n, gzip(rechecksum(b, db)));
        }
        for (int delta : new int[] {-1, 1, -512, 512, 1 << 20}) {
            byte[] b = tar.clone();
            long size = Long.parseLong(new String(b, version + 124, 11, StandardCharsets.US_ASCII).trim(), 8);
            byte[] field = String.format("%011o", Math.max(0, size + delta)).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(field, 0, b, version + 124, 11);
            add("crafted header", "./version size " + (delta > 0 ? "+" : "") + delta, gzip(rechecksum(b, version)));
        }
        for (int i = 0; i < 8; i++) {
            byte[] b = tar.clone();
            int h = hs.get(r.nextInt(hs.size()));
            int field = new int[] {100, 108, 116, 136, 257, 265, 297, 329}[i];
            b[h + field] = (byte) "7x 9\0Z-1".charAt(i);
            add("crafted header", "header at " + h + " field at " + field + " changed", gzip(rechecksum(b, h)));
        }
        byte[] zero = insert(tar, version, new byte[512]);
        add("crafted header", "a lone zero block before ./version", gzip(zero));
        byte[] posix = tar.clone();
        System.arraycopy("ustar\00000".getBytes(StandardCharsets.US_ASCII), 0, posix, db + 257, 8);
        System.arraycopy("evil".getBytes(StandardCharsets.US_ASCII), 0, posix, db + 345, 4);
        add("crafted header", "db entry given a POSIX prefix", gzip(rechecksum(posix, db)));
    }

    private static void sums() throws IOException {
        String good = new String(entries.get("sha256sum"), StandardCharsets.UTF_8);
        Map<String, UnaryOperator<String>> edits = new LinkedHashMap<>();
        edits.put("emptied", s -> "");
        edits.put("only blank lines", s -> "\n\n");
        edits.put("db line removed", s -> s.lines().filter(l -> !l.contains("engine_backup")).map(l -> l + "\n")
                .reduce("", String::concat));
        edits.put("files line removed", s -> s.replaceFirst("(?m)^.*  files\n", ""));
        edits.put("a missing entry listed", s -> s + "0".repeat(64) + "  db/dwh_backup.db\n");
        edits.put("db hash changed", s -> s.replaceFirst("(?m)^[0-9a-f]", "0").equals(s)
                ? s.replaceFirst("(?m)^[0-9a-f]", "1") : s.replaceFirst("(?m)^[0-9a-f]", "0"));
        edits.put("hashes in upper case", String::toUpperCase);
        edits.put("binary markers", s -> s.replace("  ", " *"));
        edits.put("./ prefixes", s -> s.replace("  ", "  ./"));
        edits.put("CRLF line ends", s -> s.replace("\n", "\r\n"));
        edits.put("a line doubled", s -> s + s.lines().findFirst().orElse("") + "\n");
        edits.put("a hash cut short", s -> s.substring(0, 10) + s.substring(11));
        edits.put("a path with ..", s -> s.replace("  version", "  ../version"));
        edits.put("a comment line", s -> "# made by hand\n" + s);
        edits.put("no final newline", s -> s.substring(0, s.length() - 1));
        edits.put("md5 lengths", s -> s.replaceAll("(?m)^([0-9a-f]{32})[0-9a-f]{32}", "$1"));
        for (Map.Entry<String, UnaryOperator<String>> e : edits.entrySet()) {
            Map<String, byte[]> m = with("sha256sum", e.getValue().apply(good).getBytes(StandardCharsets.UTF_8));
            add("checksum file", e.getKey(), pack(m, false));
        }
        Map<String, byte[]> md5 = new LinkedHashMap<>(entries);
        md5.remove("sha256sum");
        md5.put("md5sum", md5Lines(md5).getBytes(StandardCharsets.UTF_8));
        add("checksum file", "md5sum instead (4.2 and older)", pack(md5, false));
        Map<String, byte[]> both = new LinkedHashMap<>(entries);
        both.put("md5sum", "garbage\n".getBytes(StandardCharsets.UTF_8));
        add("checksum file", "a garbage md5sum beside sha256sum", pack(both, false));
        Map<String, byte[]> none = new LinkedHashMap<>(entries);
        none.remove("sha256sum");
        add("checksum file", "no checksum file", pack(none, false));
        add("checksum file", "the base archive, repacked", pack(entries, false));
    }

    /** Whether the variant is the base gzip with only zero bytes after its end (the zero-padded inserts). */
    private static boolean zeros(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        byte[] gz = gzip(tar);
        if (b.length <= gz.length || !Arrays.equals(Arrays.copyOf(b, gz.length), gz)) {
            return false;
        }
        for (int i = gz.length; i < b.length; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static String md5Lines(Map<String, byte[]> m) {
        StringBuilder s = new StringBuilder();
        m.forEach((k, v) -> s.append(hash("MD5", v)).append("  ").append(k).append('\n'));
        return s.toString();
    }

    private static Map<String, byte[]> with(String name, byte[] content) {
        Map<String, byte[]> m = new LinkedHashMap<>(entries);
        m.put(name, content);
        return m;
    }

    /** A tar.gz of these entries as engine-backup lays them out, the sha256sum made to match when asked. */
    private static byte[] pack(Map<String, byte[]> m, boolean recomputeSums) throws IOException {
        Map<String, byte[]> e = new LinkedHashMap<>(m);
        if (recomputeSums) {
            StringBuilder s = new StringBuilder();
            new TreeMap<>(e).forEach((k, v) -> {
                if (!k.equals("sha256sum")) {
                    s.append(hash("SHA-256", v)).append("  ").append(k).append('\n');
                }
            });
            e.put("sha256sum", s.toString().getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream t = new TarArchiveOutputStream(new GZIPOutputStream(out))) {
            TarArchiveEntry dir = new TarArchiveEntry("./db/", TarArchiveEntry.LF_DIR);
            t.putArchiveEntry(dir);
            t.closeArchiveEntry();
            for (Map.Entry<String, byte[]> x : e.entrySet()) {
                TarArchiveEntry te = new TarArchiveEntry("./" + x.getKey());
                te.setSize(x.getValue().length);
                t.putArchiveEntry(te);
                t.write(x.getValue());
                t.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    private static String hash(String algorithm, byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(b));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] rechecksum(byte[] b, int h) {
        Arrays.fill(b, h + 148, h + 156, (byte) ' ');
        long sum = 0;
        for (int i = h; i < h + 512; i++) {
            sum += b[i] & 0xff;
        }
        System.arraycopy(String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII), 0, b, h + 148, 8);
        return b;
    }

    private static byte[] insert(byte[] b, int at, byte[] ins) {
        byte[] out = new byte[b.length + ins.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(ins, 0, out, at, ins.length);
        System.arraycopy(b, at, out, at + ins.length, b.length - at);
        return out;
    }

    static byte[] gzip(byte[] b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        }
        return out.toByteArray();
    }

    private static void add(String kind, String what, byte[] bytes) throws IOException {
        Path file = work.resolve("variant-" + VARIANTS.size() + ".tar.gz");
        Files.write(file, bytes);
        String refusal = null;
        try {
            BackupArchive.read(new ByteArrayInputStream(bytes), file);
        } catch (BackupFormatException e) {
            refusal = e.getMessage();
            assertTrue(!refusal.isBlank() && !refusal.contains("\n") && !refusal.contains("null"), kind + ", " + what
                    + ": " + refusal);
        }
        VARIANTS.add(new Variant(kind, what, file, refusal));
    }

    /** The real restore path on each file: "ok", or the first tool that refused it. One shell for all of them. */
    private static Map<Path, String> realTools(List<Path> files) throws Exception {
        Path script = work.resolve("judge.sh");
        Files.writeString(script, """
                for f in "$@"; do
                  d=$(mktemp -d -p "$JUDGE_TMP")
                  if ! tar -xf "$f" -C "$d" >/dev/null 2>&1; then echo "$f tar"
                  elif ! (cd "$d" && if [ -e sha256sum ]; then sha256sum -c --strict --quiet sha256sum; else md5sum -c \
                      --strict --quiet md5sum; fi >/dev/null 2>&1); then echo "$f checksums"
                  elif ! pg_restore --list "$d/db/engine_backup.db" >/dev/null 2>&1; then echo "$f pg_restore"
                  elif ! pg_restore -f /dev/null "$d/db/engine_backup.db" >/dev/null 2>&1; then echo "$f pg_data"
                  elif ! tar -tf "$d/files" >/dev/null 2>&1; then echo "$f files"
                  else echo "$f ok"; fi
                  rm -rf "$d"
                done
                """);
        List<String> cmd = new ArrayList<>(List.of("bash", script.toString()));
        files.forEach(f -> cmd.add(f.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("JUDGE_TMP", Files.createDirectories(work.resolve("judged")).toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        Map<Path, String> answers = new LinkedHashMap<>();
        for (String line : out.lines().toList()) {
            int sp = line.lastIndexOf(' ');
            answers.put(Path.of(line.substring(0, sp)), line.substring(sp + 1));
        }
        assertEquals(files.size(), answers.size(), out);
        return answers;
    }

    @Test
    void whateverHeshellVerifiesTheRealToolsTakeWhole() throws Exception {
        assertTrue(VARIANTS.size() >= 500, "a corpus of " + VARIANTS.size());
        List<Path> judged = VARIANTS.stream().map(v -> ENCRYPTED.containsKey(v.file()) ? DECRYPTED.get(v.file())
                : v.file()).filter(java.util.Objects::nonNull).toList();
        Map<Path, String> answers = realTools(judged);
        Map<Path, String> real = new LinkedHashMap<>();
        for (Variant v : VARIANTS) {
            real.put(v.file(), ENCRYPTED.containsKey(v.file()) ? (DECRYPTED.containsKey(v.file())
                    ? answers.get(DECRYPTED.get(v.file())) : "gpg") : answers.get(v.file()));
        }
        Map<String, int[]> byKind = new LinkedHashMap<>(); // verified+ok, refused+tools refuse, refused+tools ok
        List<String> unsafe = new ArrayList<>();
        List<String> stricter = new ArrayList<>();
        for (Variant v : VARIANTS) {
            String tools = real.get(v.file());
            int[] c = byKind.computeIfAbsent(v.kind(), k -> new int[4]);
            if (v.refusal() == null) {
                c[tools.equals("ok") ? 0 : 3]++;
                if (!tools.equals("ok")) {
                    unsafe.add(v.kind() + ", " + v.what() + ": heshell verified it, " + tools + " refuses it");
                }
            } else {
                c[tools.equals("ok") ? 2 : 1]++;
                if (tools.equals("ok")) {
                    stricter.add(v.kind() + ", " + v.what() + ": " + v.refusal());
                }
            }
        }
        StringBuilder report = new StringBuilder(VARIANTS.size() + " variants\n");
        byKind.forEach((k, c) -> report.append(String.format("%-20s verified %3d, refused by both %3d, refused by"
                + " heshell alone %3d, verified but tools refuse %d%n", k, c[0], c[1], c[2], c[3])));
        report.append("Refused by heshell alone:\n");
        stricter.forEach(line -> report.append("  ").append(line).append('\n'));
        System.out.println(report);
        assertEquals(List.of(), unsafe, report.toString());
        // What the real tools take as it is and nothing about it is wrong, heshell verifies too.
        List<String> sound = List.of("the base archive, repacked", "the base archive, bzip2", "the base archive, xz",
                "encrypted by heshell", "encrypted by gpg", "the archive split over two members",
                "an empty member appended", "an original file name in the header", "another OS byte");
        for (Variant v : VARIANTS) {
            if (sound.stream().anyMatch(v.what()::equals) || v.what().matches("\\d+ bytes inserted at \\d+")
                    && v.kind().equals("compressed: insert") && zeros(v.file())) {
                assertEquals(null, v.refusal(), v.kind() + ", " + v.what() + " verifies");
            }
        }
    }
}

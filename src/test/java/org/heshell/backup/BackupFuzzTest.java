package org.heshell.backup;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutates valid engine backups hundreds of ways and requires, for each, an answer within a time limit and no error
 * but heshell's own: never an uncaught exception, a hang or an out-of-memory.
 */
class BackupFuzzTest {
    private static final int MUTATIONS_PER_BASE = 300;
    @TempDir
    static Path work;
    static List<byte[]> bases = new ArrayList<>();

    @BeforeAll
    static void bases() throws Exception {
        PostgresFixture.requireOrSkip();
        try (PostgresFixture pg = PostgresFixture.start()) {
            pg.sql("engine", EngineBackupFixture.SCHEMA + EngineBackupFixture.FAILOVER_DATA);
            Path custom = pg.dump(work.resolve("c.dump"), "-Fc");
            Path plain = pg.dump(work.resolve("p.sql"), "-Fp");
            // Uncompressed tars, so that mutations reach the tar headers and the dumps themselves.
            bases.add(Files.readAllBytes(EngineBackupFixture.pack(work, custom, "custom", "engine.lab.example", "")));
            bases.add(Files.readAllBytes(EngineBackupFixture.pack(work, plain, "plain", "engine.lab.example", "")));
        }
    }

    @Test
    void everyMutationIsAnsweredInTimeWithHeshellsOwnError() {
        Random random = new Random(20261125);
        int mutations = 0;
        int rejected = 0;
        for (byte[] base : bases) {
            for (int i = 0; i < MUTATIONS_PER_BASE; i++) {
                byte[] bytes = base.clone();
                String what = mutate(bytes, random, i);
                if (i % 5 == 4) {
                    bytes = gzip(bytes); // and some through the compressed path
                    what += ", gzipped";
                }
                byte[] input = what.startsWith("truncated") ? java.util.Arrays.copyOf(bytes,
                        random.nextInt(bytes.length)) : bytes;
                String label = "mutation " + mutations + " (" + what + ")";
                boolean ok = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> inspect(input, label), label);
                if (!ok) {
                    rejected++;
                }
                mutations++;
            }
        }
        assertTrue(mutations >= 500, "at least 500 mutations, ran " + mutations);
        assertTrue(rejected > mutations / 4, "most mutations are caught: " + rejected + " of " + mutations);
    }

    /** True when the mutant still reads as a backup, false when refused with heshell's own error. */
    private static boolean inspect(byte[] bytes, String label) {
        try {
            BackupArchive.read(new ByteArrayInputStream(bytes), Path.of("fuzz.tar"));
            return true;
        } catch (BackupFormatException expected) {
            if (expected.getMessage() == null || expected.getMessage().contains("\n")) {
                fail(label + ": the error is not one line: " + expected.getMessage());
            }
            return false;
        } catch (Throwable t) {
            throw new AssertionError(label + ": " + t, t);
        }
    }

    private static String mutate(byte[] b, Random r, int i) {
        switch (i % 4) {
            case 0 -> {
                int flips = 1 + r.nextInt(4);
                for (int k = 0; k < flips; k++) {
                    int at = r.nextInt(b.length);
                    b[at] ^= (byte) (1 << r.nextInt(8));
                }
                return flips + " bit flips";
            }
            case 1 -> {
                return "truncated";
            }
            case 2 -> {
                int blocks = b.length / 512;
                int x = r.nextInt(blocks);
                int y = r.nextInt(blocks);
                byte[] t = new byte[512];
                System.arraycopy(b, x * 512, t, 0, 512);
                System.arraycopy(b, y * 512, b, x * 512, 512);
                System.arraycopy(t, 0, b, y * 512, 512);
                return "blocks " + x + " and " + y + " swapped";
            }
            default -> {
                int at = r.nextInt(b.length);
                int len = Math.min(b.length - at, 1 + r.nextInt(64));
                for (int k = 0; k < len; k++) {
                    b[at + k] = (byte) r.nextInt(256);
                }
                return len + " bytes overwritten at " + at;
            }
        }
    }

    private static byte[] gzip(byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(b);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toByteArray();
    }
}

package org.heshell.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small hostile files that claim or hold enormous things are each answered in one line naming the limit, and a
 * 10,000-VM real backup still verifies: all of them judged in one JVM at -Xmx64m, the heap the limits are made for.
 */
class BoundedWorkTest {
    @TempDir
    static Path work;
    static final Map<String, String> ANSWERS = new LinkedHashMap<>();

    @BeforeAll
    static void judgeAllAtSixtyFourMiB() throws Exception {
        List<Path> files = new ArrayList<>(List.of(
                HostileFiles.longRow(work.resolve("long-row.tar.gz"), 5L << 20),
                HostileFiles.longComment(work.resolve("long-comment.tar.gz"), 60L << 20),
                HostileFiles.manyVms(work.resolve("many-vms.tar.gz"), ArchiveLimits.MAX_VMS + 10),
                HostileFiles.newlineBomb(work.resolve("newline-bomb.tar.gz"), 4),
                HostileFiles.hugeTarExtension(work.resolve("long-name.tar"), 'L', 200L << 20),
                HostileFiles.hugeTarExtension(work.resolve("pax.tar"), 'x', 200L << 20),
                HostileFiles.tocEntries(work.resolve("toc-entries.tar.gz"), 1_000_000),
                HostileFiles.tocString(work.resolve("toc-tag.tar.gz"), 60 << 20, true),
                HostileFiles.tocString(work.resolve("toc-definition.tar.gz"), 60 << 20, false)));
        if (PostgresFixture.unavailable() == null) {
            files.add(Files.move(EngineBackupFixture.large(work, 50, 10_000, 200_000),
                    work.resolve("ten-thousand-vms.tar.gz")));
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                InspectEach.class.getName()));
        files.forEach(f -> cmd.add(f.toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "the judging JVM ends");
        for (String line : out.lines().toList()) {
            int at = line.indexOf(" => ");
            if (at > 0) {
                ANSWERS.put(line.substring(0, at), line.substring(at + 4));
            }
        }
        assertEquals(files.size(), ANSWERS.size(), out);
    }

    private static String answer(String file) {
        String a = ANSWERS.get(file);
        assertTrue(a.startsWith("refused: ") || a.equals("verified"), file + ": " + a);
        return a;
    }

    private static void refusedNamingTheLimit(String file, String found) {
        String a = answer(file);
        assertTrue(a.startsWith("refused: ") && a.contains(found) && a.contains("past heshell's limit of")
                && a.contains("docs/archive-limits.md"), file + ": " + a);
    }

    @Test
    void aHugeRowOfATableHeshellReadsIsRefusedNamingTheLimit() {
        refusedNamingTheLimit("long-row.tar.gz", "line 3: a row of vds_static longer than 4194304 bytes");
    }

    @Test
    void aHugeLineHeshellDoesNotNeedIsPassedOverInBoundedMemory() {
        assertEquals("refused: long-comment.tar.gz: no ./version or no ./sha256sum (./md5sum); this is not an"
                + " archive written by engine-backup", answer("long-comment.tar.gz"));
    }

    @Test
    void vmCountsAreBounded() {
        refusedNamingTheLimit("many-vms.tar.gz", "more than " + ArchiveLimits.MAX_VMS + " VMs");
    }

    @Test
    void aCompressionBombStopsAtTheExpansionLimit() {
        refusedNamingTheLimit("newline-bomb.tar.gz", "the bzip2 data expands");
    }

    @Test
    void hugeLongNamesAndPaxHeadersAreRefusedBeforeTheyAreRead() {
        refusedNamingTheLimit("long-name.tar", "the GNU long name at byte 0 has 209715200 bytes");
        refusedNamingTheLimit("pax.tar", "the PAX header at byte 0 has 209715200 bytes");
    }

    @Test
    void tableOfContentsSizesAreBounded() {
        refusedNamingTheLimit("toc-entries.tar.gz", "a table of contents of 1000000 entries");
        refusedNamingTheLimit("toc-tag.tar.gz", "a string of 62914560 bytes where a name or COPY statement belongs");
        // A function body of 60 MiB is passed over: the archive is read to its end and judged as a whole.
        assertTrue(answer("toc-definition.tar.gz").endsWith("no ./version or no ./sha256sum (./md5sum); this is not"
                + " an archive written by engine-backup"), answer("toc-definition.tar.gz"));
    }

    @Test
    void aTenThousandVmEngineStillVerifiesInSixtyFourMiB() {
        PostgresFixture.requireOrSkip();
        assertEquals("verified", ANSWERS.get("ten-thousand-vms.tar.gz"));
    }
}

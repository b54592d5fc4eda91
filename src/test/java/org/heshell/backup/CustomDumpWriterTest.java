package org.heshell.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our dumps against the real tools: pg_restore lists them, prints them, and restores them into PostgreSQL. */
class CustomDumpWriterTest {
    @TempDir
    static Path work;

    @BeforeAll
    static void needsPostgres() {
        PostgresFixture.requireOrSkip();
    }

    private static List<DumpTable> tables(int vms) {
        List<String[]> vmRows = new ArrayList<>();
        for (int i = 0; i < vms; i++) {
            vmRows.add(new String[] {String.format("20000000-0000-0000-0000-%012d", i), "vm" + i, "4096", "VM",
                i == 0 ? "6" : "0"});
        }
        vmRows.add(new String[] {"20000000-0000-0000-0000-999999999999", "odd\tname\nwith \\ and ü", null, "VM",
            "0"});
        return List.of(
                new DumpTable("vds_static", List.of(new DumpTable.Column("vds_id", "uuid"),
                        new DumpTable.Column("vds_name", "character varying(255)"),
                        new DumpTable.Column("host_name", "character varying(255)")),
                        List.<String[]>of(new String[] {"10000000-0000-0000-0000-000000000001", "Host 1",
                            "host1.lab.example"})),
                new DumpTable("vm_static", List.of(new DumpTable.Column("vm_guid", "uuid"),
                        new DumpTable.Column("vm_name", "character varying(255)"),
                        new DumpTable.Column("mem_size_mb", "integer"),
                        new DumpTable.Column("entity_type", "character varying(32)"),
                        new DumpTable.Column("origin", "integer")), vmRows));
    }

    private static Path write(String name, boolean compress, int vms) throws Exception {
        Path f = work.resolve(name);
        try (OutputStream out = Files.newOutputStream(f)) {
            CustomDumpWriter.write(out, "engine", "15.18", tables(vms), compress);
        }
        return f;
    }

    @Test
    void pgRestoreListsAndPrintsOurDumps() throws Exception {
        for (boolean compress : new boolean[] {true, false}) {
            Path dump = write("ours-" + compress + ".dump", compress, 3000);
            String list = PostgresFixture.run(List.of("pg_restore", "--list", dump.toString()));
            assertTrue(list.contains("TABLE public vds_static engine"), list);
            assertTrue(list.contains("TABLE DATA public vm_static engine"), list);
            assertTrue(list.contains("Format: CUSTOM") && list.contains("Dumped from database version: 15.18"),
                    list);
            String sql = PostgresFixture.run(List.of("pg_restore", "-f", "-", dump.toString()));
            assertTrue(sql.contains("COPY public.vm_static (vm_guid, vm_name, mem_size_mb, entity_type, origin)"
                    + " FROM stdin;"), sql.substring(0, Math.min(sql.length(), 2000)));
            assertTrue(sql.contains("20000000-0000-0000-0000-000000002999\tvm2999\t4096\tVM\t0"), "the last row");
        }
    }

    @Test
    void aRealPostgresRestoresOurDumpRowForRow() throws Exception {
        Path dump = write("restore.dump", true, 500);
        try (PostgresFixture pg = PostgresFixture.start()) {
            pg.restore(dump);
            assertEquals("501", pg.query("SELECT count(*) FROM vm_static"));
            assertEquals("odd\tname\nwith \\ and ü", pg.query(
                    "SELECT vm_name FROM vm_static WHERE mem_size_mb IS NULL"));
        }
    }

    @Test
    void theScriptPgRestorePrintsFromOurDumpRunsInPsql() throws Exception {
        for (boolean compress : new boolean[] {true, false}) {
            Path dump = write("script-" + compress + ".dump", compress, 50);
            try (PostgresFixture pg = PostgresFixture.start()) {
                pg.restoreThroughPsql(dump, "viapsql");
                assertEquals("51", pg.query("viapsql", "SELECT count(*) FROM vm_static"));
                assertEquals("Host 1", pg.query("viapsql", "SELECT vds_name FROM vds_static"));
                assertEquals("odd\tname\nwith \\ and ü", pg.query("viapsql",
                        "SELECT vm_name FROM vm_static WHERE mem_size_mb IS NULL"));
            }
        }
    }

    @Test
    void pgRestorePrintsTheSameScriptFromOurDumpAsFromRealPgDumpsOfTheSameData() throws Exception {
        Path ours = write("shape.dump", false, 20);
        try (PostgresFixture pg = PostgresFixture.start()) {
            pg.restore(ours);
            for (String compression : new String[] {"-Z0", "-Z6"}) {
                Path real = pg.dump(work.resolve("real" + compression + ".dump"), "-Fc", compression);
                assertEquals(script(real), script(ours), "pg_restore -f - of a real pg_dump " + compression);
            }
        }
    }

    /** pg_restore's script without what differs between any two dumps: its random key, versions, owners. */
    private static String script(Path dump) throws Exception {
        return PostgresFixture.run(List.of("pg_restore", "--no-owner", "-f", "-", dump.toString())).lines()
                .filter(l -> !l.startsWith("\\restrict") && !l.startsWith("\\unrestrict")
                        && !l.startsWith("-- Dumped "))
                .map(l -> l.replaceAll("Owner: \\S+", "Owner: -"))
                .collect(java.util.stream.Collectors.joining("\n"));
    }

    @Test
    void ourReaderReadsBackWhatOurWriterWrote() throws Exception {
        Path dump = write("roundtrip.dump", true, 10);
        List<String[]> rows = new ArrayList<>();
        DumpInfo info = DumpReader.read(Files.newInputStream(dump), "roundtrip.dump",
                (schema, table, columns) -> table.equals("vm_static") ? rows::add : null);
        assertEquals("1.14.0", info.archiveVersion());
        assertEquals(11, rows.size());
        assertEquals("odd\tname\nwith \\ and ü", rows.get(10)[1]);
        assertEquals(null, rows.get(10)[2]);
    }
}

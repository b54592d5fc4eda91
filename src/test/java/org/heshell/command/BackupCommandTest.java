package org.heshell.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.heshell.backup.Catalog;
import org.heshell.backup.CatalogEntry;
import org.heshell.backup.EngineBackupFixture;
import org.heshell.render.JsonRenderer;
import org.heshell.render.TextRenderer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `backup inspect` needs no Manager: it reads the file, and shows it with the live environment's views. */
class BackupCommandTest {
    @TempDir
    static Path work;
    static Path backup;
    static Commands commands;

    @BeforeAll
    static void make() throws Exception {
        backup = EngineBackupFixture.failoverBackup(work);
        commands = new Commands(new CommandContext(null, (org.heshell.engine.EngineSession) null));
        Commands.builtins().forEach(commands::add);
    }

    @Test
    void inspectShowsTheFailoverHostAndTheEnvironmentAtBackupTime() {
        Result.BackupInspected r = (Result.BackupInspected) commands.execute(List.of("backup", "inspect",
                backup.toString()));
        String text = new TextRenderer(false, 100).render(r);
        List<String> lines = text.lines().toList();
        assertTrue(lines.get(0).matches("Backup backup-\\d+\\.tar\\.x: engine engine\\.lab\\.example, oVirt 4\\.5\\.6"
                + " \\(schema 04050910\\), rhel-8\\.10"), lines.get(0));
        assertTrue(lines.get(1).matches("Scope db, files; database: custom dump \\(gzip\\) of PostgreSQL 15\\..*;"
                + " \\d+ entries match sha256sum"), lines.get(1));
        assertEquals("Files: 4 configuration files with the engine CA certificate and key, the database's credentials"
                + " and the engine's FQDN", lines.get(2));
        assertEquals("Failover host: Host 1; carried VMs: Host 2, Host 3; engine VM HostedEngine on Host 2",
                lines.get(3));
        assertTrue(lines.get(6).matches("Host 1 +host1\\.lab\\.example +Maintenance +0 +local maint\\. +0"),
                lines.get(6));
        assertTrue(text.contains("◆ HostedEngine"), text);

        String map = new TextRenderer(false, 100).render(commands.execute(List.of("backup", "inspect",
                backup.toString(), "--map")));
        assertTrue(map.lines().anyMatch(l -> l.matches("\\(no VMs\\) +HostedEngine ◆ +vm1\\\\twith a tab")
                || l.matches("\\(no VMs\\) +HostedEngine ◆ +vm1\twith a tab")), map);
        String json = new JsonRenderer().render(r);
        assertTrue(json.contains("\"failoverHosts\":[\"Host 1\"]"), json);
        assertTrue(json.contains("\"engineVmHost\":\"Host 2\""), json);
        assertTrue(json.contains("\"files\":{\"files\":4,\"engineFqdn\":\"engine.lab.example\",\"caCertificate\":true,"
                + "\"caKey\":true,\"databaseCredentials\":true,\"missing\":[]}"), json);
    }

    @Test
    void diffOfABackupWithItselfIsEmptyAndWithTheLabShowsWhatDiffers() throws Exception {
        Result.Diff same = (Result.Diff) commands.execute(List.of("backup", "diff", backup.toString(),
                backup.toString()));
        assertTrue(same.diff().isEmpty());
        assertTrue(new TextRenderer(false, 100).render(same).endsWith(": no difference in hosts or VMs"));
        try (org.heshell.lab.LabFixture lab = org.heshell.lab.LabFixture.start(work.resolve("lab"))) {
            Commands live = new Commands(new CommandContext(null, lab.session()));
            Commands.builtins().forEach(live::add);
            Result.Diff d = (Result.Diff) live.execute(List.of("backup", "diff", backup.toString(), "live"));
            assertEquals("live", d.to());
            assertTrue(d.diff().hostsAdded().isEmpty() && d.diff().hostsRemoved().isEmpty(),
                    "the lab's hosts are the backup's, matched by FQDN: " + d.diff());
            String text = new TextRenderer(false, 100).render(d);
            assertTrue(text.contains("~ host Host 1: IPs [192.0.2.11, 198.51.100.11] → [192.0.2.11]"), text);
            assertTrue(text.contains("status Maintenance → Up"), text);
        }
    }

    @Test
    void aBadFileIsOneLineWithTheEntryAndTheOffset() throws Exception {
        CommandException missing = assertThrows(CommandException.class,
                () -> commands.execute(List.of("backup", "inspect", work.resolve("none.tar.gz").toString())));
        assertEquals(work.resolve("none.tar.gz") + " is neither a catalog id nor a file; `backup list` shows the ids",
                missing.getMessage());
        Path garbage = Files.write(work.resolve("garbage.tar.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        CommandException bad = assertThrows(CommandException.class,
                () -> commands.execute(List.of("backup", "inspect", garbage.toString())));
        assertTrue(bad.getMessage().startsWith("garbage.tar.gz"), bad.getMessage());
        assertEquals(1, bad.exitCode());
    }

    private static Commands withCatalog(Catalog catalog) {
        Commands c = new Commands(new CommandContext(null, (org.heshell.engine.EngineSession) null));
        c.provide(Catalog.class, catalog);
        Commands.builtins().forEach(c::add);
        return c;
    }

    private static String error(Commands c, String... argv) {
        CommandException e = assertThrows(CommandException.class, () -> c.execute(List.of(argv)));
        assertEquals(1, e.exitCode());
        return e.getMessage();
    }

    @Test
    void whatIsNotABackupIsNamedNeverAnEmptyArchiveOrNull() throws Exception {
        Commands c = withCatalog(new Catalog(work.resolve("catalog-17-7")));
        assertEquals("/dev/null is a character device, not a tar archive; give the path of an engine-backup"
                + " archive file", error(c, "backup", "inspect", "/dev/null"));
        assertEquals("nosuchid is neither a catalog id nor a file; `backup list` shows the ids",
                error(c, "backup", "inspect", "nosuchid"));
        Path text = Files.writeString(work.resolve("notes.tar.gz"), "remember the milk\n");
        assertEquals("notes.tar.gz: text of 18 bytes, not a tar archive; an engine-backup archive is a tar (gzip,"
                + " bzip2 or xz)", error(c, "backup", "verify", text.toString()));
    }

    @Test
    void aCatalogBackupWhoseFileIsGoneIsShownGoneAndADamagedRecordBreaksNothing() throws Exception {
        Catalog catalog = new Catalog(work.resolve("catalog-17-8"));
        Path copy = Files.copy(backup, work.resolve("kept.tar.gz"));
        Instant at = Instant.parse("2026-11-25T09:31:00Z");
        catalog.record(new CatalogEntry("kept", copy, "engine.lab.example", "4.5.6", Files.size(copy),
                org.heshell.backup.Checksums.sha256(copy), at, "x", "all", true, null, List.of()));
        catalog.record(new CatalogEntry("gone", work.resolve("deleted.tar.gz"), "engine.lab.example", "4.5.6", 1,
                "ab".repeat(32), at.plusSeconds(60), "x", "all", true, null, List.of()));
        Files.writeString(catalog.dir().resolve("broken.json"), "{\"id\": \"broken\", \"fi");
        Commands c = withCatalog(catalog);
        String list = new TextRenderer(false, 200).render(c.execute(List.of("backup", "list")));
        List<String> lines = list.lines().toList();
        assertTrue(lines.get(1).startsWith("gone ") && lines.get(1).contains("FILE GONE"), list);
        assertTrue(lines.get(2).startsWith("kept ") && lines.get(2).contains(" yes "), list);
        String gone = "backup gone is in the catalog but its file " + work.resolve("deleted.tar.gz") + " is gone"
                + " (moved or deleted); it cannot be verified or restored: put the file back, or take a new backup"
                + " with `backup create`";
        assertEquals(gone, lines.get(3));
        assertEquals("the catalog record " + catalog.dir().resolve("broken.json") + " is damaged: it is cut short;"
                + " its backup is not listed. Inspect its archive by path (`backup inspect FILE`), then delete the"
                + " record or take the backup again", lines.get(4));
        assertEquals(gone, error(c, "backup", "verify", "gone"));
        assertEquals(gone, error(c, "backup", "inspect", "gone"));
        assertTrue(error(c, "backup", "verify", "broken").startsWith("the catalog record "));
        Result.BackupVerified v = (Result.BackupVerified) c.execute(List.of("backup", "verify", "kept"));
        assertTrue(v.recordedHashChecked());
        String json = new JsonRenderer().render(c.execute(List.of("backup", "list")));
        var rows = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        assertTrue(rows.get(0).get("fileMissing").asBoolean(), json);
        assertEquals(catalog.dir().resolve("broken.json").toString(), rows.get(2).get("damagedRecord").asText(), json);
    }
}

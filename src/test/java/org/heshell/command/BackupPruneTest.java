package org.heshell.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.heshell.backup.Catalog;
import org.heshell.backup.CatalogEntry;
import org.heshell.backup.RetentionPolicyTest;
import org.heshell.render.TextRenderer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `backup prune` on a catalog of three weeks of nightly backups: the preview, the removal, the refusals. */
class BackupPruneTest {
    @TempDir
    Path dir;
    Catalog catalog;
    Commands commands;

    @BeforeEach
    void nights() throws Exception {
        catalog = new Catalog(dir.resolve("backups"));
        catalog.ensure();
        for (CatalogEntry e : RetentionPolicyTest.threeWeeks()) {
            Path file = Files.writeString(catalog.dir().resolve(e.id() + ".tar.gz"), "archive");
            catalog.record(new CatalogEntry(e.id(), file, e.engineFqdn(), e.engineVersion(), e.size(), e.sha256(),
                    e.createdAt(), e.source(), e.scope(), e.verified(), e.failoverHost(), e.hosts()));
        }
        commands = new Commands(new CommandContext(null, (org.heshell.engine.EngineSession) null));
        commands.provide(Catalog.class, catalog);
        Commands.builtins().forEach(commands::add);
    }

    private String prune(String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("backup", "prune"));
        argv.addAll(List.of(args));
        return new TextRenderer(false, 140).render(commands.execute(argv));
    }

    @Test
    void aDryRunListsEveryBackupWithItsRuleAndRemovesNothing() throws Exception {
        String text = prune("--keep-daily", "7", "--keep-weekly", "4", "--dry-run");
        assertTrue(text.lines().anyMatch(l -> l.matches("engine\\.lab\\.example-20261103-010000 .* yes +Host 1"
                + " +keep +the newest backup with a failover host")), text);
        assertTrue(text.lines().anyMatch(l -> l.matches("engine\\.lab\\.example-20261102-010000 .* remove +no rule"
                + " keeps it")), text);
        assertTrue(text.endsWith("10 kept, 11 would be removed (--dry-run: nothing was removed)"), text);
        assertEquals(21, catalog.list().size());
        try (var files = Files.list(catalog.dir())) {
            assertEquals(42, files.count());
        }
    }

    @Test
    void pruneRemovesTheArchiveAndTheRecordOfEachBackupNoRuleKeeps() throws Exception {
        String text = prune("--keep-last", "2");
        assertTrue(text.endsWith("3 kept, 18 removed"), text);
        assertEquals(List.of("engine.lab.example-20261121-010000", "engine.lab.example-20261120-010000",
                "engine.lab.example-20261103-010000"), catalog.list().stream().map(CatalogEntry::id).toList());
        assertFalse(Files.exists(catalog.dir().resolve("engine.lab.example-20261102-010000.tar.gz")));
        try (var files = Files.list(catalog.dir())) {
            assertEquals(6, files.count());
        }
    }

    @Test
    void aPolicyThatKeepsNothingIsRefusedInOneLineAndNothingIsRemoved() {
        CommandException e = assertThrows(CommandException.class, () -> prune());
        assertEquals("this policy keeps no backup: give at least one of --keep-last, --keep-daily, --keep-weekly,"
                + " --keep-monthly (add --dry-run to see what it keeps)", e.getMessage());
        assertEquals(2, e.exitCode());
        assertThrows(CommandException.class, () -> prune("--keep-last", "-1"));
        assertEquals(21, catalog.list().size());
    }
}

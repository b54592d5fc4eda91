package org.heshell.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.heshell.engine.EngineSession;
import org.heshell.lab.LabFixture;
import org.heshell.model.HostStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands through picocli against the lab: what they return and how they refuse. */
class CommandsTest {
    @TempDir
    static Path dir;
    static LabFixture lab;
    static CommandContext ctx;
    static Commands commands;

    @BeforeAll
    static void start() throws Exception {
        lab = LabFixture.start(dir.resolve("lab"));
        EngineSession session = lab.session();
        ctx = new CommandContext(null, session);
        commands = new Commands(ctx);
        Commands.builtins().forEach(commands::add);
    }

    @AfterAll
    static void stop() throws Exception {
        ctx.close();
        lab.close();
    }

    private static Result run(String... argv) {
        return commands.execute(List.of(argv));
    }

    private static CommandException fails(String... argv) {
        return assertThrows(CommandException.class, () -> run(argv));
    }

    @Test
    void listingsReturnTheModel() {
        Result.HostsView hosts = (Result.HostsView) run("hosts");
        assertEquals(List.of("Host 1", "Host 2", "Host 3"), hosts.hosts().stream().map(h -> h.name()).toList());
        Result.VmsView vms = (Result.VmsView) run("vms", "--host", "host3.lab.example");
        assertEquals(List.of("vm5", "vm6"), vms.vms().stream().map(v -> v.name()).sorted().toList());
        assertTrue(run("map") instanceof Result.MapView);
        Result.VmsView some = (Result.VmsView) run("vms", "Hosted*", "vm1", "vm1");
        assertEquals(List.of("HostedEngine", "vm1"), some.vms().stream().map(v -> v.name()).toList());
        assertTrue(fails("vms", "vm77").getMessage().startsWith("no VM 'vm77' in engine.lab.example; closest: vm1,"));
        assertTrue(fails("vms", "--host", "Host 1", "vm5").getMessage().startsWith("no VM 'vm5' runs on Host 1"));
    }

    @Test
    void mistakesAreOneLineWithTheClosestNames() {
        CommandException unknown = fails("hots");
        assertEquals("unknown command 'hots'; did you mean hosts, host, ha? (`help`)", unknown.getMessage());
        assertEquals(2, unknown.exitCode());
        CommandException host = fails("host", "maintenance", "Host 9");
        assertTrue(host.getMessage().startsWith("no host 'Host 9' in engine.lab.example; closest: Host 1, Host 2,"
                + " Host 3"), host.getMessage());
        assertEquals(1, host.exitCode());
        assertEquals("`host` needs one of: maintenance, activate, remove, attach-network (`help host`)", fails("host").getMessage());
        assertTrue(fails("host", "maintenance").getMessage().contains("missing required parameter: 'HOST'"));
        assertTrue(fails("vms", "--hots", "x").getMessage().startsWith("unknown option '--hots' for vms; did you"
                + " mean --host"), fails("vms", "--hots", "x").getMessage());
        assertTrue(fails("host", "activate", "Host 1", "--timeout", "0").getMessage().contains("positive"));
    }

    @Test
    void helpComesFromTheDeclarations() {
        String overview = ((Result.Text) run("help")).text();
        assertTrue(overview.contains("hosts ") && overview.contains("List the hosts"), overview);
        String usage = ((Result.Text) run("help", "host", "maintenance")).text();
        assertTrue(usage.contains("Usage: heshell host maintenance [-h] [--json] [--no-wait] [--timeout=SECONDS] HOST"), usage);
        assertTrue(usage.contains("host maintenance \"Host 1\""), "examples: " + usage);
        assertEquals(usage, ((Result.Text) run("host", "maintenance", "--help")).text());
        assertTrue(fails("help", "nope").getMessage().startsWith("no command 'nope'"));
    }

    @Test
    void noArgumentReadsAFileAndNoMisplacedOptionValueIsEchoed() throws Exception {
        Path secret = dir.resolve("secret");
        java.nio.file.Files.writeString(secret, "the-admin-password\n");
        for (List<String> argv : List.of(List.of("backup", "inspect", "@" + secret), List.of("host", "maintenance",
                "@" + secret), List.of("vms", "--host", "@" + secret), List.of("help", "@" + secret))) {
            CommandException e = assertThrows(CommandException.class, () -> commands.execute(argv));
            assertTrue(e.getMessage().contains("@" + secret) && !e.getMessage().contains("the-admin-password"),
                    e.getMessage());
        }
        CommandException misplaced = fails("connect", "--password=hunter2");
        assertTrue(misplaced.getMessage().startsWith("unknown option '--password' for connect; did you mean"
                + " --password-file"), misplaced.getMessage());
        assertTrue(!misplaced.getMessage().contains("hunter2"), misplaced.getMessage());
    }

    @Test
    void theCommandListShowsOneWholeSentencePerCommandAndHelpWrapsToTheWidth() {
        List<String> overview = ((Result.Text) run("help")).text().lines().toList();
        for (String line : overview.subList(1, overview.size() - 1)) {
            assertTrue(line.endsWith("."), "a whole summary, not a cut description: " + line);
        }
        java.util.ArrayDeque<picocli.CommandLine> all = new java.util.ArrayDeque<>(
                commands.tree().getSubcommands().values());
        while (!all.isEmpty()) {
            picocli.CommandLine c = all.pop();
            assertTrue(c.getCommandSpec().usageMessage().header().length == 1, c.getCommandName() + " has a header");
            all.addAll(c.getSubcommands().values());
        }
        try {
            commands.usageWidth(160);
            String wide = ((Result.Text) run("help", "restore", "run")).text();
            assertTrue(wide.contains("Carry out a saved plan: copy the backup to the deploying host, deploy the new"
                    + " engine VM with the restore, remove"), wide);
            commands.usageWidth(60);
            String narrow = ((Result.Text) run("restore", "run", "--help")).text();
            assertTrue(narrow.lines().takeWhile(l -> !l.isEmpty()).allMatch(l -> l.length() <= 60), narrow);
            assertTrue(narrow.contains("hosted-engine"), "a word broken in the source joins again: " + narrow);
        } finally {
            commands.usageWidth(100);
        }
    }

    @Test
    void activateOnAnUpHostChangesNothing() {
        Result.HostChanged r = (Result.HostChanged) run("host", "activate", "Host 2");
        assertEquals("already up", r.action());
        assertEquals(HostStatus.UP, r.host().status());
    }

    @Test
    void connectLogoutLogsOutAndTheNextCommandNeedsAConnection() throws Exception {
        try (CommandContext own = new CommandContext(null, lab.session())) {
            Commands set = new Commands(own);
            Commands.builtins().forEach(set::add);
            assertEquals(2, assertThrows(CommandException.class,
                    () -> set.execute(List.of("connect", "--logout", "--lab"))).exitCode());
            Result.Text said = (Result.Text) set.execute(List.of("connect", "--logout"));
            assertEquals("Logged out of lab; the next command logs in again.", said.text());
            CommandException after = assertThrows(CommandException.class, () -> set.execute(List.of("hosts")));
            assertTrue(after.getMessage().startsWith("not connected to a Manager"), after.getMessage());
        }
    }
}

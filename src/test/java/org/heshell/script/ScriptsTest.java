package org.heshell.script;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.heshell.command.CommandContext;
import org.heshell.command.CommandException;
import org.heshell.command.Commands;
import org.heshell.command.Result;
import org.heshell.lab.LabFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Groovy scripts and commands, on a lab, with the project's own commands/ and scripts/. */
class ScriptsTest {
    @TempDir
    Path dir;
    LabFixture lab;
    CommandContext ctx;
    Commands commands;
    Scripts scripts;

    @BeforeEach
    void start() throws Exception {
        lab = LabFixture.start(dir.resolve("lab"));
        ctx = new CommandContext(null, lab.session());
        commands = new Commands(ctx);
        Commands.builtins().forEach(commands::add);
        scripts = new Scripts(Path.of("").toAbsolutePath(), dir.resolve("cache"), dir.resolve("user-scripts"));
        assertEquals(List.of(), GroovyCommands.install(commands, scripts));
    }

    @AfterEach
    void stop() throws Exception {
        ctx.close();
        lab.close();
    }

    private Path script(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void runAloneListsTheScriptsItFindsByName() throws Exception {
        Files.createDirectories(dir.resolve("user-scripts"));
        script("user-scripts/nightly.groovy", "return 1");
        String listed = ((Result.Text) commands.execute(List.of("run"))).text();
        assertEquals("Scripts (`run NAME`):\n  drill, tour  (" + scripts.scriptsDir() + ")\n  nightly  ("
                + dir.resolve("user-scripts") + ")", listed);
        CommandException none = assertThrows(CommandException.class, () -> commands.execute(List.of("run", "nope")));
        assertTrue(none.getMessage().endsWith("(`run` and TAB list the scripts there)"), none.getMessage());
    }

    @Test
    void aScriptSeesTheModelAndRunsTheSameCommands() throws Exception {
        Path s = script("drill.groovy", """
                def failover = hosts.find { it.name() == 'Host 1' }
                assert engine.host().name() == 'Host 2'
                def r = host.maintenance(failover)
                assert hosts.find { it.name() == 'Host 1' }.status().name() == 'MAINTENANCE'
                host.activate(failover, timeout: 30)
                return "moved ${r.migrations()*.vm().sort().join(',')} to ${r.migrations()*.to().unique().join(',')}"
                """);
        Result.ScriptDone done = (Result.ScriptDone) commands.execute(List.of("run", s.toString()));
        assertEquals("moved vm1,vm2 to Host 3", done.value().toString());
    }

    @Test
    void aScriptInspectsABackupThroughTheSameCommand() throws Exception {
        Path backup = org.heshell.backup.EngineBackupFixture.failoverBackup(dir);
        Path s = script("failover.groovy", """
                def b = backup.inspect(args[0])
                def env = b.contents().environment()
                return "${b.contents().failoverHosts()*.name()} of ${env.hosts().size()}, engine on ${env.engineHost().get().name()}"
                """);
        Result.ScriptDone done = (Result.ScriptDone) commands.execute(List.of("run", s.toString(),
                backup.toString()));
        assertEquals("[Host 1] of 3, engine on Host 2", done.value().toString());
    }

    @Test
    void aCompileErrorIsOneLineWithItsPlace() throws Exception {
        Path s = script("broken.groovy", "println 'a'\ndef x = {\n");
        CommandException e = assertThrows(CommandException.class,
                () -> commands.execute(List.of("run", s.toString())));
        assertTrue(e.getMessage().matches("broken\\.groovy:\\d+:\\d+: .*"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void aFailingCommandInAScriptStopsItWithTheCommandsMessage() throws Exception {
        Path s = script("typo.groovy", "host.maintenance('Host 9')\nprintln 'not reached'\n");
        CommandException e = assertThrows(CommandException.class,
                () -> commands.execute(List.of("run", s.toString())));
        assertTrue(e.getMessage().startsWith("no host 'Host 9'"), e.getMessage());
        Path boom = script("boom.groovy", "\n\nthrow new IllegalStateException('boom')\n");
        CommandException b = assertThrows(CommandException.class,
                () -> commands.execute(List.of("run", boom.toString())));
        assertEquals("boom.groovy:3: java.lang.IllegalStateException: boom", b.getMessage());
    }

    @Test
    void compiledScriptsAreCachedByContent() throws Exception {
        Path s = script("hello.groovy", "return 42\n");
        assertEquals(42, ((Result.ScriptDone) commands.execute(List.of("run", s.toString()))).value());
        Path entry = dir.resolve("cache").resolve(GroovyCache.hash("return 42\n"));
        assertTrue(Files.isDirectory(entry.resolve("classes")), "compiled into the cache");
        long stamp = Files.getLastModifiedTime(entry.resolve("manifest.properties")).toMillis();
        assertEquals(42, ((Result.ScriptDone) commands.execute(List.of("run", s.toString()))).value());
        assertEquals(stamp, Files.getLastModifiedTime(entry.resolve("manifest.properties")).toMillis());
        Files.writeString(s, "return 43\n");
        assertEquals(43, ((Result.ScriptDone) commands.execute(List.of("run", s.toString()))).value());
    }

    @Test
    void prepareFailoverFreesTheHostAndSaysWhereTheVmsWent() {
        Result.HostChanged r = (Result.HostChanged) commands.execute(List.of("prepare-failover", "Host 1"));
        assertEquals("Host 1", r.host().name());
        assertTrue(r.environment().vmsOn(r.host().id()).isEmpty());
        assertEquals(List.of("Host 3", "Host 3"), r.migrations().stream().map(m -> m.to()).toList());
    }

    @Test
    void prepareFailoverRefusesTheEngineVmsHost() {
        CommandException e = assertThrows(CommandException.class,
                () -> commands.execute(List.of("prepare-failover", "host2.lab.example")));
        assertTrue(e.getMessage().startsWith("Host 2 runs the engine VM;"), e.getMessage());
        assertTrue(e.getMessage().contains("Host 1, Host 3"), e.getMessage());
    }

    @Test
    void aGroovyCommandIsDeclaredFromItsSavedDeclarationWithoutLoadingIt() throws Exception {
        String text = Files.readString(Path.of("commands/prepare-failover.groovy"));
        Path saved = dir.resolve("cache").resolve(GroovyCache.hash(text)).resolve("command.json");
        assertTrue(Files.isRegularFile(saved), "declaration saved at first install");
        Commands again = new Commands(ctx);
        GroovyCommands.install(again, scripts);
        var light = again.completionSpec().subcommands().get("prepare-failover").getCommandSpec();
        assertFalse(light.userObject().getClass().getName().contains("PrepareFailover"),
                "help and completion use the declaration, not the Groovy class");
        assertEquals("HOST", light.positionalParameters().get(0).paramLabel());
        ctx.refresh(); // completion reads the model as last read
        List<String> names = new java.util.ArrayList<>();
        light.positionalParameters().get(0).completionCandidates().forEach(names::add);
        assertEquals(List.of("Host 1", "Host 2", "Host 3"), names);
    }

    @Test
    void printlnShowsWhatTheShellPrintsAndHelpTakesACommandAsOneString() throws Exception {
        Path s = script("show.groovy", """
                println map()
                print help('host maintenance')
                """);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream saved = System.out;
        System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            commands.execute(List.of("run", s.toString()));
        } finally {
            System.setOut(saved);
        }
        String printed = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(printed.contains("Engine engine.lab.example (oVirt 4.5.6), 3 hosts, 6 VMs + engine VM"), printed);
        assertTrue(printed.contains("Usage: heshell host maintenance"), printed);
        assertFalse(printed.contains("MapView[") || printed.contains("Text[text="), "no record dump: " + printed);
    }

    @Test
    void anUnknownMethodOrFieldNamesTheClosestOne() throws Exception {
        Path field = script("field.groovy", "def h = hosts.find { it.name() == 'Host 1' }\nprintln h.nam()\n");
        CommandException e = assertThrows(CommandException.class, () -> commands.execute(List.of("run",
                field.toString())));
        assertEquals("field.groovy:2: no method nam() on Host; closest: name(), id(), ips()", e.getMessage());
        Path command = script("command.groovy", "prepareFailovr('Host 1')\n");
        e = assertThrows(CommandException.class, () -> commands.execute(List.of("run", command.toString())));
        assertTrue(e.getMessage().startsWith("command.groovy:1: no method prepareFailovr() in this script; closest:"
                + " prepareFailover()"), e.getMessage());
        Path variable = script("variable.groovy", "println hots.size()\n");
        e = assertThrows(CommandException.class, () -> commands.execute(List.of("run", variable.toString())));
        assertTrue(e.getMessage().startsWith("variable.groovy:1: no variable hots in this script; closest: hosts"),
                e.getMessage());
    }

    @Test
    void runFindsTheUsersOwnScriptsByName() throws Exception {
        Files.createDirectories(dir.resolve("user-scripts"));
        Files.writeString(dir.resolve("user-scripts/mine.groovy"), "return engine.fqdn()\n");
        Result.ScriptDone done = (Result.ScriptDone) commands.execute(List.of("run", "mine"));
        assertEquals("engine.lab.example", done.value());
        assertTrue(scripts.names().containsAll(List.of("mine", "tour")), scripts.names().toString());
    }
}

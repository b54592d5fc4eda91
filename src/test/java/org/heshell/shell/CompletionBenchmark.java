package org.heshell.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.heshell.command.CommandContext;
import org.heshell.command.Commands;
import org.heshell.lab.LabFixture;
import org.jline.reader.Candidate;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.ParsedLine;
import org.jline.reader.Parser;
import org.jline.reader.impl.CompletionMatcherImpl;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One TAB on a VM name with 10,000 VMs (and 200 hosts) in the model: our completer, then JLine's own matching of
 * the candidates against what was typed, which is all a TAB costs before drawing. Run with bench/completion.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class CompletionBenchmark {
    private LabFixture lab;
    private CommandContext ctx;
    private ShellCompleter completer;
    private ParsedLine line;

    @Setup(Level.Trial)
    public void start() throws Exception {
        Path dir = Files.createTempDirectory("heshell-bench");
        lab = LabFixture.start(dir.resolve("lab"), 200, 10_000);
        Connections connections = new Connections(lab.endpoint(), new PasswordSource(p -> null),
                new SshOptions(dir.resolve("known_hosts"), null, "root", false, null));
        ctx = new CommandContext(connections, connections.lab());
        Commands commands = new Commands(ctx);
        Commands.builtins().forEach(commands::add);
        ctx.refresh();
        completer = new ShellCompleter(commands);
        String typed = "vms vm123";
        line = new ShellParser().parse(typed, typed.length(), Parser.ParseContext.COMPLETE);
    }

    @Benchmark
    public List<Candidate> tabOnAVmName() {
        List<Candidate> candidates = new ArrayList<>();
        completer.complete(null, line, candidates);
        CompletionMatcherImpl matcher = new CompletionMatcherImpl();
        // As LineReaderImpl does with this shell's options: case-insensitive, up to 2 typing errors.
        matcher.compile(java.util.Map.of(), false, (CompletingParsedLine) line, true, 2, null);
        return matcher.matches(candidates);
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        ctx.close();
        lab.close();
    }
}

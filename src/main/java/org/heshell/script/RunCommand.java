package org.heshell.script;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.heshell.command.Commands;
import org.heshell.command.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "run", header = "Run a Groovy script: a file, or a name under scripts/.",
        description = {"Run a Groovy script: a file, or a name under scripts/ or ~/.heshell/scripts.",
            "`run` alone lists the scripts it finds by name."},
        footer = {"%nThe script sees hosts, vms, engine and every command as a method:",
            "  def h = hosts.find { it.name() == 'Host 1' }", "  host.maintenance(h)",
            "%nExamples:", "  run drill", "  run /path/to/recovery.groovy ARG"})
public final class RunCommand implements Callable<Result> {
    private final Commands commands;
    private final Scripts scripts;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SCRIPT", completionCandidates = ScriptNames.class,
            description = "The script file, or its name under scripts/.")
    String script;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "Arguments, as `args` in the script.")
    List<String> args = new ArrayList<>();

    public RunCommand(Commands commands, Scripts scripts) {
        this.commands = commands;
        this.scripts = scripts;
    }

    @Override
    public Result call() {
        if (script == null) {
            var found = scripts.byDirectory();
            if (found.isEmpty()) {
                return new Result.Text("no scripts in " + scripts.scriptsDir() + " or ~/.heshell/scripts; `run FILE`"
                        + " runs any Groovy file");
            }
            StringBuilder s = new StringBuilder("Scripts (`run NAME`):");
            found.forEach((dir, names) -> s.append("\n  ").append(String.join(", ", names)).append("  (")
                    .append(dir).append(")"));
            return new Result.Text(s.toString());
        }
        var file = scripts.resolve(script);
        Object value = ScriptRunner.run(commands, scripts, file, args);
        return value instanceof Result r ? r : new Result.ScriptDone(file.getFileName().toString(), value);
    }

    /** Completion: the scripts under scripts/. */
    public static final class ScriptNames implements Iterable<String>, org.heshell.command.WithFiles {
        private final Scripts scripts;

        public ScriptNames(Scripts scripts) {
            this.scripts = scripts;
        }

        @Override
        public Iterator<String> iterator() {
            return scripts.names().iterator();
        }
    }
}

package org.heshell.shell;

import java.util.List;
import org.heshell.command.Commands;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * TAB completion from the commands' own picocli declarations: command and subcommand names, options, option
 * values and positional parameters (hosts, VMs, ...) from their completion candidates, which read the model in
 * memory. Walks the words before the cursor the way picocli would parse them.
 */
public final class ShellCompleter implements Completer {
    private final Commands commands;

    public ShellCompleter(Commands commands) {
        this.commands = commands;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        List<String> words = line.words();
        int index = line.wordIndex();
        int start = 0;
        for (int i = 0; i < index; i++) {
            if (words.get(i).endsWith(";")) {
                start = i + 1;
            }
        }
        CommandSpec spec = commands.completionSpec();
        int positional = 0;
        OptionSpec awaitingValue = null;
        for (int i = start; i < index; i++) {
            String w = words.get(i);
            if (awaitingValue != null) {
                awaitingValue = null;
            } else if (spec.subcommands().containsKey(w) && positional == 0) {
                spec = spec.subcommands().get(w).getCommandSpec();
            } else if (w.startsWith("-")) {
                OptionSpec o = spec.findOption(w.contains("=") ? w.substring(0, w.indexOf('=')) : w);
                if (o != null && takesValue(o) && !w.contains("=")) {
                    awaitingValue = o;
                }
            } else {
                positional++;
            }
        }
        String prefix = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        if (awaitingValue != null) {
            values(awaitingValue, "", candidates);
        } else if (prefix.startsWith("-")) {
            for (OptionSpec o : spec.options()) {
                if (!o.hidden()) {
                    for (String name : o.names()) {
                        candidates.add(new Candidate(name, name, "options", first(o.description()), null, null,
                                !takesValue(o)));
                    }
                }
            }
        } else {
            if (positional == 0) {
                spec.subcommands().forEach((name, sub) -> candidates.add(new Candidate(name, name, "commands",
                        first(sub.getCommandSpec().usageMessage().description()), null, null, true)));
            }
            for (PositionalParamSpec p : spec.positionalParameters()) {
                if (p.index().contains(positional)) {
                    values(p, "", candidates);
                }
            }
        }
    }

    private static boolean takesValue(OptionSpec o) {
        return o.arity().max() > 0;
    }

    private static void values(ArgSpec arg, String group, List<Candidate> candidates) {
        Iterable<String> values = arg.completionCandidates();
        if (values == null) {
            return;
        }
        for (String v : values) {
            candidates.add(new Candidate(v, v, group.isEmpty() ? null : group, null, null, null, true));
        }
    }

    private static String first(String[] lines) {
        return lines == null || lines.length == 0 ? null : lines[0];
    }
}

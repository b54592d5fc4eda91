package org.heshell.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.heshell.command.AfterArguments;
import org.heshell.command.Commands;
import org.heshell.command.WithFiles;
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
        List<String> positionals = new java.util.ArrayList<>();
        OptionSpec awaitingValue = null;
        for (int i = start; i < index; i++) {
            String w = words.get(i);
            if (awaitingValue != null) {
                awaitingValue = null;
            } else if (spec.subcommands().containsKey(w) && positional == 0) {
                spec = spec.subcommands().get(w).getCommandSpec();
                positionals.clear();
            } else if (w.startsWith("-")) {
                OptionSpec o = spec.findOption(w.contains("=") ? w.substring(0, w.indexOf('=')) : w);
                if (o != null && takesValue(o) && !w.contains("=")) {
                    awaitingValue = o;
                }
            } else {
                positional++;
                positionals.add(w);
            }
        }
        List<Candidate> found = new java.util.ArrayList<>();
        java.util.Map<Candidate, Integer> ranked = new java.util.IdentityHashMap<>();
        String prefix = line.word().substring(0, Math.min(line.wordCursor(), line.word().length()));
        complete(spec, positional, positionals, awaitingValue, prefix, found, ranked);
        found = startingWith(found, prefix);
        // natural order, as people count: vm2 before vm10; a source that ranks its own comes first, in its order
        List<Candidate> sorted = found.stream().sorted(java.util.Comparator.comparing((Candidate c) ->
                ranked.getOrDefault(c, Integer.MAX_VALUE)).thenComparing(Candidate::value, NaturalOrder.INSTANCE))
                .toList();
        for (int i = 0; i < sorted.size(); i++) {
            Candidate c = sorted.get(i);
            candidates.add(new Candidate(c.value(), c.displ(), c.group(), c.descr(), c.suffix(), c.key(),
                    c.complete(), i));
        }
    }

    /**
     * The candidates that start with what was typed (ignoring case), when there are any: all JLine's matcher keeps
     * of them then, and sorting 10,000 VM names only to drop all but a few would make a TAB slow. When none does,
     * all stay, for JLine's matching inside words and of typing errors.
     */
    static List<Candidate> startingWith(List<Candidate> candidates, String typed) {
        if (typed.isEmpty()) {
            return candidates;
        }
        List<Candidate> kept = new java.util.ArrayList<>();
        for (Candidate c : candidates) {
            if (c.value().regionMatches(true, 0, typed, 0, typed.length())) {
                kept.add(c);
            }
        }
        return kept.isEmpty() ? candidates : kept;
    }

    private void complete(CommandSpec spec, int positional, List<String> positionals, OptionSpec awaitingValue,
                          String prefix, List<Candidate> candidates, java.util.Map<Candidate, Integer> ranked) {
        if (awaitingValue != null) {
            values(awaitingValue, prefix, candidates);
        } else if (prefix.startsWith("-")) {
            for (OptionSpec o : spec.options()) {
                if (!o.hidden()) {
                    for (String name : o.names()) {
                        // a space after it either way: the value is the next word, and TAB offers it there
                        candidates.add(new Candidate(name, name, "options", first(o.description()), null, null,
                                true));
                    }
                }
            }
        } else {
            if (positional == 0) {
                spec.subcommands().forEach((name, sub) -> candidates.add(new Candidate(name, name, "commands",
                        Commands.summary(sub.getCommandSpec()), null, null, true)));
            }
            for (PositionalParamSpec p : spec.positionalParameters()) {
                if (p.index().contains(positional) && p.completionCandidates() instanceof AfterArguments after) {
                    List<String> offered = after.after(List.copyOf(positionals));
                    for (String v : offered) {
                        Candidate c = new Candidate(v, v, null, null, null, null, true);
                        ranked.put(c, ranked.size());
                        candidates.add(c);
                    }
                } else if (p.index().contains(positional)) {
                    values(p, prefix, candidates);
                }
            }
        }
    }

    private static boolean takesValue(OptionSpec o) {
        return o.arity().max() > 0;
    }

    private static void values(ArgSpec arg, String prefix, List<Candidate> candidates) {
        Class<?> type = arg.typeInfo().getType();
        Iterable<String> values = arg.completionCandidates();
        boolean named = false;
        if (values != null) {
            for (String v : values) {
                candidates.add(new Candidate(v, v, null, null, null, null, true));
                named |= v.startsWith(prefix);
            }
        }
        // A name or a file (a backup id, a script): the directory's files only once the word looks like a path, or
        // when no name fits, so that ids are not lost among the files of the current directory.
        boolean fileType = type == Path.class || type == java.io.File.class;
        boolean path = prefix.contains("/") || prefix.startsWith(".") || prefix.startsWith("~");
        if (fileType || arg.completionCandidates() instanceof WithFiles && (!named || path)) {
            files(prefix, candidates);
        }
        // literal words in the label: `B|live`
        for (String part : arg.paramLabel().split("\\|")) {
            if (!part.isEmpty() && part.chars().allMatch(c -> Character.isLowerCase(c) || c == '-')) {
                candidates.add(new Candidate(part, part, null, null, null, null, true));
            }
        }
    }

    /** File names under the directory typed so far; directories end in "/" and leave the word open. */
    private static void files(String prefix, List<Candidate> candidates) {
        int slash = prefix.lastIndexOf('/');
        String dirPart = slash < 0 ? "" : prefix.substring(0, slash + 1);
        Path dir = dirPart.isEmpty() ? Path.of(".") : Path.of(dirPart.startsWith("~/")
                ? System.getProperty("user.home") + dirPart.substring(1) : dirPart);
        try (Stream<Path> entries = Files.list(dir)) {
            entries.limit(5000).forEach(p -> {
                String name = p.getFileName().toString();
                boolean directory = Files.isDirectory(p);
                String value = dirPart + name + (directory ? "/" : "");
                candidates.add(new Candidate(value, name + (directory ? "/" : ""), null, null, null, null,
                        !directory));
            });
        } catch (IOException | RuntimeException e) {
            // an unreadable or missing directory simply offers nothing
        }
    }

    private static String first(String[] lines) {
        return lines == null || lines.length == 0 ? null : lines[0];
    }
}

package org.heshell.command;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "help", header = "List the commands, or explain one.",
        description = "List the commands, or show one command's usage, options and examples.",
        footer = {"%nExamples:", "  help", "  help host maintenance"})
public final class HelpCommand implements Callable<Result> {
    private final Commands commands;

    @Parameters(paramLabel = "COMMAND", arity = "0..*", completionCandidates = CommandNames.class,
            description = "The command (and subcommand) to explain.")
    List<String> words = List.of();

    public HelpCommand(Commands commands) {
        this.commands = commands;
    }

    @Override
    public Result call() {
        // the whole command set: a command runs in a tree of its own
        CommandLine cmd = commands.tree();
        if (words.isEmpty()) {
            return new Result.Text(overview(cmd));
        }
        // help('host maintenance') from a script comes as one word
        List<String> path = words.stream().flatMap(w -> java.util.Arrays.stream(w.trim().split("\\s+")))
                .filter(w -> !w.isEmpty()).toList();
        for (String w : path) {
            CommandLine sub = cmd.getSubcommands().get(w);
            if (sub == null) {
                throw new CommandException("no command '" + String.join(" ", words) + "'; closest: "
                        + String.join(", ", Suggestions.closest(w, cmd.getSubcommands().keySet(), 3))
                        + " (`help` lists them)");
            }
            cmd = sub;
        }
        return new Result.Text(cmd.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing());
    }

    private static String overview(CommandLine root) {
        StringBuilder s = new StringBuilder("Commands (TAB completes commands, options, hosts and VMs):\n");
        // getSubcommands() lists aliases too; show each command once, its aliases beside its name.
        Map<CommandLine, String> names = new java.util.LinkedHashMap<>();
        root.getSubcommands().forEach((name, cmd) -> names.merge(cmd, name, (a, b) -> a + ", " + b));
        int width = names.values().stream().mapToInt(String::length).max().orElse(8) + 2;
        names.forEach((cmd, name) -> s.append(String.format("  %-" + width + "s%s%n", name,
                Commands.summary(cmd.getCommandSpec()))));
        return s.append("`help COMMAND` shows a command's options and examples.").toString();
    }

    /** Completion candidates for `help`: the command names. */
    public static final class CommandNames implements Iterable<String> {
        private final Commands commands;

        public CommandNames(Commands commands) {
            this.commands = commands;
        }

        @Override
        public java.util.Iterator<String> iterator() {
            return commands.names().iterator();
        }
    }
}

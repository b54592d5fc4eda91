package org.heshell.command;

import java.lang.reflect.Constructor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.heshell.engine.EngineException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The shell's command set: every command declared once as a picocli class (or a spec supplied by a Groovy
 * command), from which parsing, help and completion all come. Each execution parses into a fresh tree, so no
 * state leaks from one command, or one nested script call, into the next.
 */
public final class Commands implements CommandExecutor {
    private final CommandContext ctx;
    private final Map<String, Supplier<CommandLine>> commands = new LinkedHashMap<>();
    private final CommandLine.IFactory factory = new Factory();
    private volatile CommandLine completionTree;

    public Commands(CommandContext ctx) {
        this.ctx = ctx;
    }

    /** The built-in commands. */
    public static List<Class<?>> builtins() {
        return List.of(HelpCommand.class, HostsCommand.class, VmsCommand.class, MapCommand.class, HostCommand.class,
                ConnectCommand.class, ExitCommand.class);
    }

    public CommandContext context() {
        return ctx;
    }

    public CommandLine.IFactory factory() {
        return factory;
    }

    public void add(Class<?> command) {
        String name = command.getAnnotation(Command.class).name();
        add(name, () -> new CommandLine(command, factory));
    }

    /** A command whose tree is made by {@code supplier}, e.g. a Groovy command not loaded yet. */
    public void add(String name, Supplier<CommandLine> supplier) {
        commands.put(name, supplier);
        completionTree = null;
    }

    public List<String> names() {
        List<String> names = new ArrayList<>(commands.keySet());
        names.add("quit");
        names.sort(null);
        return names;
    }

    /** A new tree of all commands. */
    public CommandLine tree() {
        CommandLine root = new CommandLine(new Root(), factory);
        commands.values().forEach(s -> {
            CommandLine sub = s.get();
            root.addSubcommand(sub.getCommandName(), sub);
        });
        return root;
    }

    /** The tree completion walks; built once per command set, its candidates read the live model. */
    public CommandSpec completionSpec() {
        CommandLine t = completionTree;
        if (t == null) {
            t = tree();
            completionTree = t;
        }
        return t.getCommandSpec();
    }

    @Override
    public Result execute(List<String> argv) {
        if (argv.isEmpty()) {
            return new Result.Text("");
        }
        CommandLine root = tree();
        ParseResult parsed;
        try {
            parsed = root.parseArgs(argv.toArray(String[]::new));
        } catch (UnmatchedArgumentException e) {
            throw new CommandException(unmatched(e, argv), 2, e);
        } catch (ParameterException e) {
            String cmd = path(e.getCommandLine().getCommandSpec());
            throw new CommandException(lower(e.getMessage()) + " (`help " + cmd + "`)", 2, e);
        }
        ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        CommandLine cmd = leaf.commandSpec().commandLine();
        if (leaf.isUsageHelpRequested()) {
            return new Result.Text(cmd.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing());
        }
        if (!(leaf.commandSpec().userObject() instanceof Callable<?> callable)) {
            String name = path(leaf.commandSpec());
            throw new CommandException("`" + name + "` needs one of: "
                    + String.join(", ", cmd.getSubcommands().keySet()) + " (`help " + name + "`)", 2, null);
        }
        try {
            Object value = callable.call();
            return value instanceof Result r ? r : new Result.ScriptDone(leaf.commandSpec().name(), value);
        } catch (CommandException e) {
            throw e;
        } catch (EngineException e) {
            throw new CommandException(e.getMessage(), 1, e);
        } catch (ParameterException e) {
            throw new CommandException(lower(e.getMessage()), 2, e);
        } catch (RuntimeException e) {
            throw new CommandException(path(leaf.commandSpec()) + " failed: " + e, 1, e);
        } catch (Exception e) {
            throw new CommandException(path(leaf.commandSpec()) + " failed: " + e.getMessage(),
                    1, e);
        }
    }

    private static String unmatched(UnmatchedArgumentException e, List<String> argv) {
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        List<String> unmatched = e.getUnmatched();
        String word = unmatched.isEmpty() ? argv.get(0) : unmatched.get(0);
        String where = path(spec);
        StringBuilder s = new StringBuilder();
        if (word.startsWith("-")) {
            s.append("unknown option '").append(word).append("'").append(where.isEmpty() ? "" : " for " + where);
        } else if (spec.subcommands().isEmpty() && !where.isEmpty()) {
            s.append("unexpected argument '").append(word).append("' for ").append(where)
                    .append(" (quote names with spaces: \"Host 1\")");
        } else {
            s.append("unknown command '").append(where.isEmpty() ? "" : where + " ").append(word).append("'");
        }
        List<String> choices = word.startsWith("-")
                ? spec.options().stream().flatMap(o -> java.util.Arrays.stream(o.names())).toList()
                : new ArrayList<>(spec.subcommands().keySet());
        List<String> close = Suggestions.closest(word, choices, 3);
        if (!close.isEmpty()) {
            s.append("; did you mean ").append(String.join(", ", close)).append("?");
        }
        return s.append(" (`help").append(where.isEmpty() ? "" : " " + where).append("`)").toString();
    }

    /** A command's words without the root's name: "host maintenance". */
    static String path(CommandSpec spec) {
        String q = spec.qualifiedName(" ");
        int space = q.indexOf(' ');
        return space < 0 ? "" : q.substring(space + 1);
    }

    private static String lower(String message) {
        return message.isEmpty() ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }

    @Command(name = "heshell")
    static final class Root {
    }

    /** Gives commands and completion candidates the shell's context (or the command set itself). */
    private final class Factory implements CommandLine.IFactory {
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            for (Constructor<?> c : cls.getConstructors()) {
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == CommandContext.class) {
                    return cls.cast(c.newInstance(ctx));
                }
                if (c.getParameterCount() == 1 && c.getParameterTypes()[0] == Commands.class) {
                    return cls.cast(c.newInstance(Commands.this));
                }
            }
            return fallback.create(cls);
        }
    }
}

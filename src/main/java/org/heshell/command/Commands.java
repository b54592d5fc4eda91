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
import picocli.CommandLine.Model.OptionSpec;
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
    /**
     * A command's light tree (for help, completion and parsing others) and the one it runs with; {@code type}, the
     * class of a built-in command (null for one known by its declaration only).
     */
    private record Entry(Supplier<CommandLine> light, Supplier<CommandLine> full, Class<?> type) {
    }

    private final Map<String, Entry> commands = new LinkedHashMap<>();
    private final Map<String, String> aliases = new LinkedHashMap<>();
    /** Commands declared on first need of a name that is not known yet (Groovy commands in one-shot runs). */
    private final List<Runnable> later = new ArrayList<>();
    private final Map<Class<?>, Object> services = new LinkedHashMap<>();
    private final List<java.util.function.Function<Result, List<String>>> observers =
            new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CommandLine.IFactory factory = new Factory();
    private volatile CommandLine completionTree;
    /** The width help wraps to: the terminal's, set by the shell before each command. */
    private volatile int usageWidth = 100;

    public Commands(CommandContext ctx) {
        this.ctx = ctx;
        provide(org.heshell.backup.Catalog.class, new org.heshell.backup.Catalog(
                java.nio.file.Path.of(System.getProperty("user.home"), ".heshell", "backups")));
    }

    /** The built-in commands. */
    public static List<Class<?>> builtins() {
        return List.of(HelpCommand.class, HostsCommand.class, VmsCommand.class, VmCommand.class, MapCommand.class, HostCommand.class, EventsCommand.class, HaCommand.class,
                EngineVmCommand.class, BackupCommand.class, RestoreCommand.class, PreflightCommand.class, LabCommand.class,
                ConnectCommand.class, ExitCommand.class);
    }

    public CommandContext context() {
        return ctx;
    }

    public CommandLine.IFactory factory() {
        return factory;
    }

    /** A service given with {@link #provide} (or the context, or this command set); null when none was. */
    public <T> T provided(Class<T> type) {
        return type.cast(service(type));
    }

    /**
     * Asks {@code observer} after every command a user runs in the shell (with its result, or null when it
     * failed); what it says is shown after the command's own output. The tutorial follows the learner this way.
     */
    public void observe(java.util.function.Function<Result, List<String>> observer) {
        observers.add(observer);
    }

    /** What the observers say after a command. */
    public List<String> observed(Result result) {
        List<String> said = new java.util.ArrayList<>();
        observers.forEach(o -> said.addAll(o.apply(result)));
        return said;
    }

    /** Makes {@code service} available to command constructors that ask for its type. */
    public <T> void provide(Class<T> type, T service) {
        services.put(type, service);
    }

    public void add(Class<?> command) {
        Command c = command.getAnnotation(Command.class);
        Supplier<CommandLine> tree = () -> new CommandLine(command, factory);
        put(c.name(), List.of(c.aliases()), new Entry(tree, tree, command));
    }

    /**
     * A command known by its declaration ({@code light}) whose implementation ({@code full}) is built only when
     * it runs: Groovy commands, so that start-up and completion never load Groovy.
     */
    public void add(String name, List<String> commandAliases, Supplier<CommandLine> light,
                    Supplier<CommandLine> full) {
        put(name, commandAliases, new Entry(light, full, null));
    }

    private void put(String name, List<String> commandAliases, Entry entry) {
        commands.put(name, entry);
        commandAliases.forEach(a -> aliases.put(a, name));
        completionTree = null;
    }

    /**
     * Commands that {@code declare} adds when a name is needed that is not known yet, or the whole set is (help,
     * completion): a one-shot `hosts` reads no Groovy command's declaration.
     */
    public synchronized void addLater(Runnable declare) {
        later.add(declare);
        completionTree = null;
    }

    private synchronized void declareAll() {
        while (!later.isEmpty()) {
            later.remove(0).run();
        }
    }

    /** The entry for a name or alias, declaring what is declared later when it is not known yet. */
    private Entry entry(String word) {
        Entry e = commands.get(aliases.getOrDefault(word, word));
        if (e == null && !later.isEmpty()) {
            declareAll();
            e = commands.get(aliases.getOrDefault(word, word));
        }
        return e;
    }

    /** Help text wraps to this many columns from the next command on (picocli's minimum is 55). */
    public void usageWidth(int columns) {
        usageWidth = Math.max(55, columns);
    }

    /** A command's one-line summary: its header, or the first line of its description. */
    public static String summary(CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        String[] description = spec.usageMessage().description();
        return header.length > 0 ? header[0] : description.length > 0 ? description[0] : "";
    }

    public List<String> names() {
        declareAll();
        List<String> names = new ArrayList<>(commands.keySet());
        names.addAll(aliases.keySet());
        names.sort(null);
        return names;
    }

    /** A new tree of all commands, in their light form: what `help` lists and explains. */
    public CommandLine tree() {
        return tree(null);
    }

    /**
     * A new tree for running {@code running} (a name or alias): that command alone, in its full form. Building every
     * command's model costs a one-shot run more than the command itself; a word that names no command gets the
     * whole tree, for the error's suggestions.
     */
    private CommandLine tree(String running) {
        Entry only = running == null ? null : entry(running);
        CommandLine root = new CommandLine(new Root(), factory);
        if (only != null) {
            String full = aliases.getOrDefault(running, running);
            CommandLine sub = only.full().get();
            withHelp(sub);
            root.addSubcommand(full, sub);
        } else {
            declareAll();
            commands.forEach((name, e) -> {
                CommandLine sub = e.light().get();
                withHelp(sub);
                root.addSubcommand(name, sub);
            });
        }
        // `@FILE` would put any readable file's lines into the arguments, and from there into messages.
        root.setExpandAtFiles(false);
        root.setUsageHelpWidth(usageWidth);
        return root;
    }

    private static final String JSON_OPTION = "--json";

    /**
     * Every command and subcommand answers -h/--help and --json (its result as JSON, whatever the shell's
     * default), declared here once rather than on each class. Its long help
     * leaves out the header (the one-line summary the command list shows; the description says it in full) and
     * reflows the description to the width.
     */
    private static void withHelp(CommandLine cmd) {
        CommandSpec spec = cmd.getCommandSpec();
        if (spec.options().stream().noneMatch(OptionSpec::usageHelp)) {
            spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true)
                    .description("Show this help and exit.").build());
        }
        if (spec.findOption(JSON_OPTION) == null) {
            spec.addOption(OptionSpec.builder(JSON_OPTION).type(boolean.class).arity("0")
                    .description("Print the result as JSON.").build());
        }
        List<String> sections = new ArrayList<>(cmd.getHelpSectionKeys());
        sections.remove(CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER_HEADING);
        sections.remove(CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER);
        cmd.setHelpSectionKeys(sections);
        spec.usageMessage().description(paragraphs(spec.usageMessage().description()));
        cmd.getSubcommands().values().forEach(Commands::withHelp);
    }

    /**
     * A description as paragraphs picocli wraps to the width: the declarations break their lines for the source's
     * sake; a line that starts with spaces (a table's row), or follows an empty one or a finished sentence, starts
     * anew.
     */
    static String[] paragraphs(String[] lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            int last = out.size() - 1;
            if (last < 0 || line.isEmpty() || line.startsWith(" ") || out.get(last).isEmpty()
                    || out.get(last).startsWith(" ") || out.get(last).matches("(?s).*[.:!?]")) {
                out.add(line);
            } else {
                String previous = out.get(last);
                // a word broken at its hyphen ("hosted-", "engine") joins without a space
                out.set(last, previous + (previous.endsWith("-") ? "" : " ") + line);
            }
        }
        return out.toArray(String[]::new);
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

    /** A command's result, and whether it was asked for as JSON (`hosts --json`). */
    public record Outcome(Result result, boolean json) {
    }

    @Override
    public Result execute(List<String> argv) {
        return run(argv).result();
    }

    /** Runs one command given as words: what it returned, and how it asked to be shown. */
    public Outcome run(List<String> argv) {
        if (argv.isEmpty()) {
            return new Outcome(new Result.Text(""), false);
        }
        ctx.commandStarted();
        try {
            if (argv.size() == 1) {
                Entry entry = entry(argv.get(0));
                if (entry != null && entry.type() != null && Argumentless.is(entry.type())) {
                    return runArgumentless(entry.type());
                }
            }
            return parseAndRun(argv);
        } finally {
            ctx.commandEnded();
        }
    }

    /**
     * A command that declares no options, parameters or subcommands, given alone: picocli would only make it and
     * call it, so this does just that, without building any command model (it is most of a one-shot run's time).
     */
    private Outcome runArgumentless(Class<?> type) {
        Object command;
        try {
            command = factory.create(type);
        } catch (Exception e) {
            throw new CommandException(type.getSimpleName() + " cannot be made: " + e, 1, e);
        }
        return outcome((Callable<?>) command, type.getAnnotation(Command.class).name(), null, false);
    }

    private Outcome parseAndRun(List<String> argv) {
        CommandLine root = tree(argv.get(0));
        ParseResult parsed;
        try {
            parsed = root.parseArgs(argv.toArray(String[]::new));
        } catch (UnmatchedArgumentException e) {
            throw new CommandException(unmatched(e, argv), 2, e);
        } catch (ParameterException e) {
            if (e.getCause() instanceof CommandException refused) {
                throw refused; // an option that refuses its value says why itself (KeyOptions.Decrypt's --identity)
            }
            String cmd = path(e.getCommandLine().getCommandSpec());
            throw new CommandException(lower(e.getMessage()) + " (`help " + cmd + "`)", 2, e);
        }
        ParseResult leaf = parsed;
        while (leaf.hasSubcommand()) {
            leaf = leaf.subcommand();
        }
        CommandLine cmd = leaf.commandSpec().commandLine();
        boolean json = leaf.hasMatchedOption(JSON_OPTION);
        if (leaf.isUsageHelpRequested()) {
            return new Outcome(new Result.Text(cmd.getUsageMessage(CommandLine.Help.Ansi.OFF).stripTrailing()), json);
        }
        if (!(leaf.commandSpec().userObject() instanceof Callable<?> callable)) {
            String name = path(leaf.commandSpec());
            throw new CommandException("`" + name + "` needs one of: "
                    + String.join(", ", cmd.getSubcommands().keySet()) + " (`help " + name + "`)", 2, null);
        }
        return outcome(callable, leaf.commandSpec().name(), path(leaf.commandSpec()), json);
    }

    /** Calls a command; {@code path}: its words ("host maintenance"), null for a top-level {@code name}. */
    private static Outcome outcome(Callable<?> callable, String name, String path, boolean json) {
        Object value;
        try {
            value = call(callable, path == null ? name : path);
        } catch (CommandException e) {
            // A composed command that changed things and did not finish puts them back, or says what is left.
            throw callable instanceof ComposedCommand composed ? composed.putBack(e) : e;
        }
        return new Outcome(value instanceof Result r ? r : new Result.ScriptDone(name, value), json);
    }

    /** Runs a command; whatever it throws comes out as a CommandException with its one line. */
    private static Object call(Callable<?> callable, String path) {
        try {
            return callable.call();
        } catch (CommandException e) {
            throw e;
        } catch (EngineException | org.heshell.backup.BackupFormatException | org.heshell.remote.RemoteException
                 | org.heshell.restore.RestoreException e) {
            throw new CommandException(e.getMessage(), 1, e);
        } catch (ParameterException e) {
            throw new CommandException(lower(e.getMessage()), 2, e);
        } catch (RuntimeException e) {
            throw new CommandException(path + " failed: " + e, 1, e);
        } catch (Exception e) {
            throw new CommandException(path + " failed: " + e.getMessage(),
                    1, e);
        }
    }

    private static String unmatched(UnmatchedArgumentException e, List<String> argv) {
        CommandSpec spec = e.getCommandLine().getCommandSpec();
        List<String> unmatched = e.getUnmatched();
        String word = unmatched.isEmpty() ? argv.get(0) : unmatched.get(0);
        if (word.startsWith("-") && word.contains("=")) {
            word = word.substring(0, word.indexOf('=')); // the value may be a secret given in the wrong place
        }
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

    private Object service(Class<?> type) {
        if (type == CommandContext.class) {
            return ctx;
        }
        if (type == Commands.class || type == CommandExecutor.class) {
            return this;
        }
        return services.get(type);
    }

    @Command(name = "heshell")
    static final class Root {
    }

    /** Gives commands and completion candidates the shell's context (or the command set itself). */
    private final class Factory implements CommandLine.IFactory {
        /** Made on first need: it loads picocli, which a run of an argument-less command does without. */
        private CommandLine.IFactory fallback;

        @Override
        public <K> K create(Class<K> cls) throws Exception {
            if (ComposedCommand.class.isAssignableFrom(cls)) {
                K command = fallback().create(cls);
                ((ComposedCommand) command).attach(ctx, Commands.this);
                return command;
            }
            for (Constructor<?> c : cls.getConstructors()) {
                Object[] args = new Object[c.getParameterCount()];
                boolean all = args.length > 0;
                for (int i = 0; i < args.length && all; i++) {
                    args[i] = service(c.getParameterTypes()[i]);
                    all = args[i] != null;
                }
                if (all) {
                    return cls.cast(c.newInstance(args));
                }
            }
            return fallback().create(cls);
        }

        private CommandLine.IFactory fallback() {
            if (fallback == null) {
                fallback = CommandLine.defaultFactory();
            }
            return fallback;
        }
    }
}

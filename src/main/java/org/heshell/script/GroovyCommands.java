package org.heshell.script;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.heshell.command.CommandException;
import org.heshell.command.Commands;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Loads {@code commands/*.groovy} as shell commands. The first time a command's source is seen it is compiled and
 * its picocli declaration saved; from then on, start-up, help and completion use that saved declaration, and
 * Groovy loads only when the command runs.
 */
public final class GroovyCommands {
    /** Made when a declaration is first read or written: a one-shot run of a built-in command reads none. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }

    private GroovyCommands() {
    }

    /** Adds `run` and every command under commands/; a command that does not compile is reported, not fatal. */
    public static List<String> install(Commands commands, Scripts scripts) {
        commands.provide(Scripts.class, scripts);
        commands.add(RunCommand.class);
        return declare(commands, scripts);
    }

    /**
     * Adds `run` now and the commands under commands/ when a name is needed that no built-in command has (or all
     * of them are, for help and completion): a one-shot run of a built-in command reads none of their files.
     * {@code problems} hears about a command that does not compile, when that is found out.
     */
    public static void installLater(Commands commands, Scripts scripts, java.util.function.Consumer<String> problems) {
        commands.provide(Scripts.class, scripts);
        commands.add(RunCommand.class);
        commands.addLater(() -> declare(commands, scripts).forEach(problems));
    }

    private static List<String> declare(Commands commands, Scripts scripts) {
        List<String> problems = new ArrayList<>();
        if (!Files.isDirectory(scripts.commandsDir())) {
            return problems;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(scripts.commandsDir())) {
            files = s.filter(p -> p.toString().endsWith(".groovy")).sorted().toList();
        } catch (IOException e) {
            problems.add("cannot list " + scripts.commandsDir() + ": " + e.getMessage());
            return problems;
        }
        for (Path file : files) {
            try {
                register(commands, scripts.cache(), file);
            } catch (CommandException e) {
                problems.add(file.getFileName() + " is not available: " + e.getMessage());
            }
        }
        return problems;
    }

    private static void register(Commands commands, GroovyCache cache, Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandException("cannot read it: " + e.getMessage());
        }
        Path declared = cache.entryDir(GroovyCache.hash(text)).resolve("command.json");
        CommandDeclaration d = null;
        if (Files.isRegularFile(declared)) {
            try {
                d = Json.MAPPER.readValue(declared.toFile(), CommandDeclaration.class);
            } catch (IOException e) {
                d = null; // damaged: declare it again from the class
            }
        }
        if (d == null) {
            d = describe(new CommandLine(commandClass(cache, file), commands.factory()).getCommandSpec());
            save(declared, d);
        }
        CommandDeclaration declaration = d;
        commands.add(d.name(), d.aliases(), () -> light(declaration, commands.factory()),
                () -> new CommandLine(commandClass(cache, file), commands.factory()));
    }

    /** The class in the file annotated with picocli's {@code @Command}. */
    private static Class<?> commandClass(GroovyCache cache, Path file) {
        GroovyCache.Entry entry = cache.compile(file);
        ClassLoader loader = entry.loader();
        for (String name : entry.classes()) {
            try {
                Class<?> c = loader.loadClass(name);
                if (c.isAnnotationPresent(Command.class) && Callable.class.isAssignableFrom(c)) {
                    return c;
                }
            } catch (ClassNotFoundException | LinkageError e) {
                throw new CommandException("cannot load " + name + " from " + entry.dir() + ": " + e);
            }
        }
        throw new CommandException("it has no class annotated with @Command that implements Callable"
                + " (extend org.heshell.command.ComposedCommand)");
    }

    static CommandDeclaration describe(CommandSpec spec) {
        List<CommandDeclaration.Arg> options = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (!o.usageHelp() && !o.versionHelp()) {
                options.add(arg(o, List.of(o.names()), null, o.arity().max() == 0));
            }
        }
        List<CommandDeclaration.Arg> positionals = new ArrayList<>();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            positionals.add(arg(p, List.of(), p.index().originalValue(), false));
        }
        return new CommandDeclaration(spec.name(), List.of(spec.aliases()), List.of(spec.usageMessage().header()),
                List.of(spec.usageMessage().description()), List.of(spec.usageMessage().footer()), options,
                positionals);
    }

    private static CommandDeclaration.Arg arg(ArgSpec a, List<String> names, String index, boolean flag) {
        String completion = null;
        List<String> values = List.of();
        Iterable<String> candidates = a.completionCandidates();
        if (candidates != null) {
            if (candidates.getClass().getName().startsWith("org.heshell.")) {
                completion = candidates.getClass().getName();
            } else {
                List<String> fixed = new ArrayList<>();
                candidates.forEach(fixed::add);
                values = fixed;
            }
        }
        return new CommandDeclaration.Arg(names, index, a.paramLabel(), a.arity().originalValue(), flag,
                List.of(a.description()), a.defaultValue(), a.required(), a.hidden(), completion, values);
    }

    /** The command as declared, for help, completion and parsing; it never runs. */
    private static CommandLine light(CommandDeclaration d, CommandLine.IFactory factory) {
        CommandSpec spec = CommandSpec.wrapWithoutInspection((Callable<Object>) () -> {
            throw new IllegalStateException("a declared command runs from its full tree");
        });
        spec.name(d.name()).aliases(d.aliases().toArray(String[]::new));
        spec.usageMessage().header(d.header().toArray(String[]::new))
                .description(d.description().toArray(String[]::new))
                .footer(d.footer().toArray(String[]::new));
        for (CommandDeclaration.Arg a : d.options()) {
            OptionSpec.Builder b = OptionSpec.builder(a.names().toArray(String[]::new))
                    .type(a.flag() ? boolean.class : String.class).arity(a.arity()).paramLabel(a.paramLabel())
                    .description(a.description().toArray(String[]::new)).required(a.required()).hidden(a.hidden())
                    .defaultValue(a.defaultValue());
            b.completionCandidates(candidates(a, factory));
            spec.addOption(b.build());
        }
        for (CommandDeclaration.Arg a : d.positionals()) {
            PositionalParamSpec.Builder b = PositionalParamSpec.builder().index(a.index()).type(String.class)
                    .arity(a.arity()).paramLabel(a.paramLabel()).description(a.description().toArray(String[]::new))
                    .required(a.required()).hidden(a.hidden()).defaultValue(a.defaultValue());
            b.completionCandidates(candidates(a, factory));
            spec.addPositional(b.build());
        }
        return new CommandLine(spec, factory);
    }

    @SuppressWarnings("unchecked")
    private static Iterable<String> candidates(CommandDeclaration.Arg a, CommandLine.IFactory factory) {
        if (a.completion() != null) {
            try {
                return (Iterable<String>) factory.create(Class.forName(a.completion()));
            } catch (Exception e) {
                return null; // a candidates class that no longer exists: no completion here, nothing worse
            }
        }
        return a.values().isEmpty() ? null : a.values();
    }

    private static void save(Path file, CommandDeclaration d) {
        try {
            // a name of its own: two shells starting at once must not write into each other's half file
            Path tmp = Files.createTempFile(file.getParent(), "command.json.", ".tmp");
            Json.MAPPER.writeValue(tmp.toFile(), d);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // without the saved declaration the next start compiles again; slower, still right
        }
    }

}

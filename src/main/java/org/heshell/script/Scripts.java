package org.heshell.script;

import groovy.lang.Script;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.heshell.command.CommandException;
import org.heshell.command.Commands;

/** Where scripts and Groovy commands live, and how a script runs. */
public final class Scripts {
    private final Path home;
    private final GroovyCache cache;

    /** {@code home}: the heshell directory holding scripts/ and commands/; {@code cacheDir}: compiled classes. */
    public Scripts(Path home, Path cacheDir) {
        this.home = home;
        this.cache = new GroovyCache(cacheDir);
    }

    GroovyCache cache() {
        return cache;
    }

    public Path scriptsDir() {
        return home.resolve("scripts");
    }

    public Path commandsDir() {
        return home.resolve("commands");
    }

    /** A script by path, or by name under scripts/ (with or without .groovy). */
    public Path resolve(String nameOrPath) {
        Path direct = Path.of(nameOrPath);
        if (Files.isRegularFile(direct)) {
            return direct;
        }
        for (String candidate : List.of(nameOrPath, nameOrPath + ".groovy")) {
            Path p = scriptsDir().resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new CommandException("no script '" + nameOrPath + "': not a file, nor in " + scriptsDir()
                + " (`run` and TAB list the scripts there)");
    }

    /** The names of the scripts under scripts/, for completion. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(scriptsDir())) {
            try (Stream<Path> files = Files.list(scriptsDir())) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".groovy"))
                        .map(n -> n.substring(0, n.length() - ".groovy".length())).sorted().forEach(names::add);
            } catch (java.io.IOException e) {
                return names;
            }
        }
        return names;
    }

    /** Runs a script with the shell's commands and model in its binding; returns what the script returns. */
    public Object run(Commands commands, Path file, List<String> args) {
        GroovyCache.Entry entry = cache.compile(file);
        Class<?> scriptClass = null;
        ClassLoader loader = entry.loader();
        for (String name : entry.classes()) {
            try {
                Class<?> c = loader.loadClass(name);
                if (Script.class.isAssignableFrom(c)) {
                    scriptClass = c;
                    break;
                }
            } catch (ClassNotFoundException e) {
                throw new CommandException("the compiled cache " + entry.dir() + " misses " + name
                        + "; delete it and run again");
            }
        }
        if (scriptClass == null) {
            throw new CommandException(file + " has no script statements to run (a command definition belongs in "
                    + commandsDir() + ")");
        }
        Script script = InvokerHelper.createScript(scriptClass, new ShellBinding(commands, args));
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            return script.run();
        } catch (CommandException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CommandException(file.getFileName() + lineOf(e, file) + ": " + e, 1, e);
        } finally {
            t.setContextClassLoader(previous);
        }
    }

    /** ":LINE" of the deepest frame in the script itself, if any. */
    static String lineOf(Throwable e, Path file) {
        String name = file.getFileName().toString();
        for (StackTraceElement f : e.getStackTrace()) {
            if (name.equals(f.getFileName()) && f.getLineNumber() > 0) {
                return ":" + f.getLineNumber();
            }
        }
        return "";
    }
}

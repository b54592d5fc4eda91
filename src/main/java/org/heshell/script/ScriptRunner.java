package org.heshell.script;

import groovy.lang.Script;
import java.nio.file.Path;
import java.util.List;
import org.codehaus.groovy.runtime.InvokerHelper;
import org.heshell.command.CommandException;
import org.heshell.command.Commands;

/** Runs a compiled script; the only place a script's Groovy runtime starts, so it starts only when needed. */
final class ScriptRunner {
    private ScriptRunner() {
    }

    /** Runs a script with the shell's commands and model in its binding; returns what the script returns. */
    static Object run(Commands commands, Scripts scripts, Path file, List<String> args) {
        GroovyCache.Entry entry = scripts.cache().compile(file);
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
                    + scripts.commandsDir() + ")");
        }
        ShellBinding binding = new ShellBinding(commands, args);
        Script script = InvokerHelper.createScript(scriptClass, binding);
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(loader);
        try {
            return script.run();
        } catch (CommandException e) {
            throw e;
        } catch (groovy.lang.MissingMethodException | groovy.lang.MissingPropertyException e) {
            throw new CommandException(file.getFileName() + lineOf(e, file) + ": "
                    + UnknownNames.describe(e, binding.names(e instanceof groovy.lang.MissingMethodException)), 1, e);
        } catch (org.heshell.engine.EngineException | org.heshell.backup.BackupFormatException
                 | org.heshell.remote.RemoteException | org.heshell.restore.RestoreException e) {
            // heshell's own failures are sentences already; the class name would only be noise
            throw new CommandException(file.getFileName() + lineOf(e, file) + ": " + e.getMessage(), 1, e);
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

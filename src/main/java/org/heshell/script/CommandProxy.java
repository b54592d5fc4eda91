package org.heshell.script;

import groovy.lang.GroovyObjectSupport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.heshell.command.CommandExecutor;
import org.heshell.command.Result;
import org.heshell.model.Host;
import org.heshell.model.Vm;

/**
 * A shell command as Groovy sees it: {@code host.maintenance(h)} runs {@code host maintenance "Host 1"} and
 * {@code map()} runs {@code map}, through the same executor as the REPL. Hosts and VMs become their names,
 * backups their catalog ids, a map of named arguments becomes options ({@code deployOn: h} is
 * {@code --deploy-on "Host 1"}).
 */
public final class CommandProxy extends GroovyObjectSupport {
    private final CommandExecutor executor;
    private final List<String> words;

    CommandProxy(CommandExecutor executor, List<String> words) {
        this.executor = executor;
        this.words = List.copyOf(words);
    }

    @Override
    public Object invokeMethod(String name, Object args) {
        List<String> argv = new ArrayList<>(words);
        if (!name.equals("call")) {
            argv.add(name);
        }
        argv.addAll(arguments(args instanceof Object[] a ? a : new Object[] {args}));
        return executor.execute(argv);
    }

    /** {@code map()} on a top-level command. */
    public Result call(Object... args) {
        return (Result) invokeMethod("call", args);
    }

    static List<String> arguments(Object[] args) {
        List<String> out = new ArrayList<>();
        List<String> positional = new ArrayList<>();
        for (Object a : args) {
            if (a instanceof Map<?, ?> named) {
                named.forEach((k, v) -> {
                    String option = "--" + String.valueOf(k).replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
                    if (Boolean.TRUE.equals(v)) {
                        out.add(option);
                    } else if (v != null && !Boolean.FALSE.equals(v)) {
                        out.add(option);
                        out.add(word(v));
                    }
                });
            } else if (a != null) {
                positional.add(word(a));
            }
        }
        out.addAll(positional);
        return out;
    }

    private static String word(Object v) {
        if (v instanceof Host h) {
            return h.name();
        }
        if (v instanceof Vm vm) {
            return vm.name();
        }
        if (v instanceof Path p) {
            return p.toString();
        }
        if (v instanceof org.heshell.backup.CatalogEntry e) {
            return e.id();
        }
        if (v instanceof org.heshell.command.Result.BackupRecorded r) {
            return r.entry().id();
        }
        return String.valueOf(v);
    }
}

package org.heshell.script;

import groovy.lang.Binding;
import java.util.List;
import org.heshell.command.CommandContext;
import org.heshell.command.Commands;
import org.heshell.model.Environment;

/**
 * A script's variables: the live model ({@code hosts}, {@code vms}, {@code engine}, {@code environment}, read
 * afresh on each use), every shell command as a {@code CommandProxy} (prepare-failover as
 * {@code prepareFailover}), {@code args}, and {@code shell} to run a command line as typed.
 */
final class ShellBinding extends Binding {
    private final CommandContext ctx;
    private final Commands commands;

    ShellBinding(Commands commands, List<String> args) {
        this.commands = commands;
        this.ctx = commands.context();
        setVariable("args", args.toArray(String[]::new));
        setVariable("shell", new ShellLine(commands));
        setVariable("out", new ScriptOut());
        for (String name : commands.names()) {
            String camel = camel(name);
            if (!isModel(camel)) {
                setVariable(camel, new CommandProxy(commands, List.of(name)));
            }
        }
    }

    /** The names a script can call ({@code callable}: the commands), or use as variables. */
    java.util.Set<String> names(boolean callable) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        getVariables().forEach((name, value) -> {
            if (!name.equals("out") && (!callable || value instanceof CommandProxy)) {
                names.add(String.valueOf(name));
            }
        });
        if (!callable) {
            names.addAll(List.of("hosts", "vms", "engine", "environment"));
        }
        return names;
    }

    private static boolean isModel(String name) {
        return switch (name) {
            case "hosts", "vms", "engine", "environment" -> true;
            default -> false;
        };
    }

    @Override
    public Object getVariable(String name) {
        if (isModel(name)) {
            Environment env = ctx.refresh();
            return switch (name) {
                case "hosts" -> env.hosts();
                case "vms" -> env.vms();
                case "environment" -> env;
                default -> new EngineInfo(env.engineFqdn(), env.engineVersion(), env.engineVm().orElse(null),
                        env.engineHost().orElse(null));
            };
        }
        return super.getVariable(name);
    }

    @Override
    public boolean hasVariable(String name) {
        return isModel(name) || super.hasVariable(name);
    }

    static String camel(String name) {
        StringBuilder s = new StringBuilder();
        boolean up = false;
        for (char c : name.toCharArray()) {
            if (c == '-' || c == '_') {
                up = true;
            } else {
                s.append(up ? Character.toUpperCase(c) : Character.toLowerCase(c));
                up = false;
            }
        }
        return s.toString();
    }
}

package org.heshell.command;

import java.util.concurrent.Callable;
import org.heshell.model.Environment;
import java.util.LinkedHashSet;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.heshell.model.Vm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "vms", header = "List the VMs: status, host, memory.",
        description = "List the VMs: status, host, memory; the engine VM is marked.",
        footer = {"%nExamples:", "  vms", "  vms --host \"Host 3\"", "  vms HostedEngine 'web*'"})
public final class VmsCommand implements Callable<Result> {
    private final CommandContext ctx;

    @Option(names = "--host", paramLabel = "HOST", completionCandidates = HostNames.class,
            description = "Only the VMs on this host (name, FQDN or IP).")
    String host;

    @Parameters(paramLabel = "VM", arity = "0..*", completionCandidates = VmNames.class,
            description = "Only these VMs; * matches any characters.")
    List<String> names = List.of();

    public VmsCommand(CommandContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Result call() {
        Environment env = ctx.refresh();
        List<Vm> vms = host == null ? env.vms() : env.vmsOn(ctx.host(env, host).id());
        if (names.isEmpty()) {
            return new Result.VmsView(env, vms);
        }
        Set<Vm> chosen = new LinkedHashSet<>();
        for (String name : names) {
            Pattern p = Pattern.compile(Arrays.stream(name.split("\\*", -1)).map(Pattern::quote)
                    .collect(Collectors.joining(".*")));
            List<Vm> match = vms.stream().filter(v -> p.matcher(v.name()).matches()).toList();
            if (match.isEmpty()) {
                if (env.vms().stream().anyMatch(v -> p.matcher(v.name()).matches())) {
                    throw new CommandException("no VM '" + name + "' runs on " + host + "; `vms " + name
                            + "` shows where it runs");
                }
                ctx.vm(env, name); // no such VM at all: this throws, naming the closest
            }
            chosen.addAll(match);
        }
        return new Result.VmsView(env, List.copyOf(chosen));
    }
}

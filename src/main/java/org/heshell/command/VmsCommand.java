package org.heshell.command;

import java.util.concurrent.Callable;
import org.heshell.model.Environment;
import org.heshell.model.Host;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "vms", description = "List the VMs: status, host, memory; the engine VM is marked.",
        footer = {"%nExamples:", "  vms", "  vms --host \"Host 3\""})
public final class VmsCommand implements Callable<Result> {
    private final CommandContext ctx;

    @Option(names = "--host", paramLabel = "HOST", completionCandidates = HostNames.class,
            description = "Only the VMs on this host (name, FQDN or IP).")
    String host;

    public VmsCommand(CommandContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Result call() {
        Environment env = ctx.refresh();
        if (host == null) {
            return new Result.VmsView(env, env.vms());
        }
        Host h = ctx.host(env, host);
        return new Result.VmsView(env, env.vmsOn(h.id()));
    }
}

package org.heshell.command;

import java.util.concurrent.Callable;
import org.heshell.model.Environment;
import picocli.CommandLine.Command;

@Command(name = "hosts", header = "List the hosts: status, VMs, hosted-engine score, the engine VM.",
        description = "List the hosts: status, VMs, hosted-engine score, the engine VM's host.",
        footer = {"%nExamples:", "  hosts", "  ./shell --json -c hosts     (JSON, for scripts)"})
public final class HostsCommand implements Callable<Result> {
    private final CommandContext ctx;

    public HostsCommand(CommandContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Result call() {
        Environment env = ctx.refresh();
        return new Result.HostsView(env, env.hosts());
    }
}

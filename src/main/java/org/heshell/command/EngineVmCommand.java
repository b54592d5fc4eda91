package org.heshell.command;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.heshell.backup.Catalog;
import org.heshell.backup.CatalogEntry;
import org.heshell.model.Host;
import org.heshell.remote.RemoteException;
import org.heshell.remote.SshSession;
import org.heshell.restore.HaVmStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "engine-vm", header = "The engine VM as the HA agents see it; shut it down or start it.",
        description = {"The engine VM as the hosted-engine HA agents on the hosts see it, asked over SSH with"
        + " hosted-engine, so that it works when the Manager no longer answers: where the VM runs and how healthy"
        + " the engine in it is; shut it down (global maintenance first, so that the agents leave it down) or start"
        + " it again (global maintenance off after)."},
        subcommands = {EngineVmCommand.Status.class, EngineVmCommand.Shutdown.class, EngineVmCommand.Start.class},
        footer = {"%nExamples:", "  engine-vm status", "  engine-vm shutdown", "  engine-vm start --via 'Host 2'"})
public final class EngineVmCommand {
    /** The hosted-engine host to ask: the one named, or the first of the known ones that answers. */
    static final class Via {
        @Option(names = "--via", paramLabel = "HOST", completionCandidates = DeployHostNames.class,
                description = "The hosted-engine host to run hosted-engine on (default: the first known one that"
                        + " answers).")
        String host;
    }

    /** A host whose HA agent answered, and what it said. */
    private record Asked(String fqdn, HaVmStatus status) {
    }

    /** What each engine-vm command shares: the host to ask (--via), and the HA agents' answer there first. */
    abstract static class AgentAction implements Callable<Result> {
        final CommandContext ctx;
        final Catalog catalog;
        @Mixin
        Via via = new Via();

        AgentAction(CommandContext ctx, Catalog catalog) {
            this.ctx = ctx;
            this.catalog = catalog;
        }

        @Override
        public final Result call() {
            return act(ask(ctx, catalog, via.host));
        }

        /** What the command does once an HA agent answered ({@code a}). */
        abstract Result act(Asked a);
    }

    @Command(name = "status", header = "Where the engine VM runs and how healthy it is, per the HA agents.",
            description = "Where the engine VM runs and how healthy the engine in it is, as each hosted-engine"
                    + " host's HA agent reports it (hosted-engine --vm-status), and global maintenance.",
            footer = {"%nExample:", "  engine-vm status"})
    public static final class Status extends AgentAction {
        public Status(CommandContext ctx, Catalog catalog) {
            super(ctx, catalog);
        }

        @Override
        Result act(Asked a) {
            return new Result.Text(render(a));
        }
    }

    @Command(name = "shutdown", header = "Shut the engine VM down, in global maintenance so that it stays down.",
            description = {"Shut the engine VM down where it runs: global maintenance first (hosted-engine"
        + " --set-maintenance --mode=global), so that the HA agents do not start it again, then hosted-engine"
        + " --vm-shutdown on its host. Before a restore while the old engine VM still runs, or before working on"
        + " the engine VM itself; `engine-vm start` undoes it."},
            footer = {"%nExample:", "  engine-vm shutdown"})
    public static final class Shutdown extends AgentAction {
        public Shutdown(CommandContext ctx, Catalog catalog) {
            super(ctx, catalog);
        }

        @Override
        Result act(Asked a) {
            HaVmStatus.Agent where = a.status().runningOn().orElseThrow(() -> new CommandException("the HA agents"
                    + " see the engine VM running on no host (asked on " + a.fqdn() + "); nothing to shut down", 1,
                    null));
            run(ctx, a.fqdn(), "hosted-engine --set-maintenance --mode=global");
            ctx.progress().step("global maintenance on (via " + a.fqdn() + "): the HA agents leave the engine VM"
                    + " alone");
            run(ctx, where.hostname(), "hosted-engine --vm-shutdown");
            ctx.progress().step("hosted-engine --vm-shutdown on " + where.hostname());
            ctx.dropSession(); // the Manager in it is gone with it
            return new Result.Text("the engine VM is shut down (it ran on " + where.hostname() + "); global"
                    + " maintenance stays on, so the HA agents leave it down. `engine-vm start` starts it again.\n"
                    + render(ask(ctx, catalog, a.fqdn())));
        }
    }

    @Command(name = "start", header = "Start the engine VM again, then leave global maintenance.",
            description = {"Start a shut-down engine VM (hosted-engine --vm-start) on the host named with --via, or"
        + " on the hosted-engine host with the best HA score, then turn global maintenance off so that the HA"
        + " agents watch it again."},
            footer = {"%nExamples:", "  engine-vm start", "  engine-vm start --via 'Host 2'"})
    public static final class Start extends AgentAction {
        public Start(CommandContext ctx, Catalog catalog) {
            super(ctx, catalog);
        }

        @Override
        Result act(Asked a) {
            if (a.status().runningOn().isPresent()) {
                throw new CommandException("the engine VM runs already, on " + a.status().runningOn().get().hostname()
                        + " (" + a.status().runningOn().get().describe() + ")", 1, null);
            }
            String on = via.host != null ? a.fqdn() : a.status().agents().stream().filter(HaVmStatus.Agent::live)
                    .max(java.util.Comparator.comparingInt(HaVmStatus.Agent::score)).map(HaVmStatus.Agent::hostname)
                    .orElse(a.fqdn());
            run(ctx, on, "hosted-engine --vm-start");
            ctx.progress().step("hosted-engine --vm-start on " + on);
            run(ctx, on, "hosted-engine --set-maintenance --mode=none");
            ctx.progress().step("global maintenance off: the HA agents watch the engine VM again");
            return new Result.Text("the engine VM starts on " + on + "\n" + render(ask(ctx, catalog, on)));
        }
    }

    /** Asks the host named, or the known hosted-engine hosts in turn, for `hosted-engine --vm-status --json`. */
    private static Asked ask(CommandContext ctx, Catalog catalog, String named) {
        List<String> candidates = new ArrayList<>();
        if (named != null) {
            candidates.add(ctx.lastKnown().flatMap(env -> env.findHost(named)).map(Host::address).orElse(named));
        } else {
            candidates.addAll(known(ctx, catalog));
        }
        if (candidates.isEmpty()) {
            throw new CommandException("no hosted-engine host is known here yet; name one with --via HOST", 2, null);
        }
        List<String> why = new ArrayList<>();
        for (String fqdn : candidates) {
            try (SshSession ssh = ctx.connector().ssh(fqdn)) {
                SshSession.Output o = ssh.run("hosted-engine --vm-status --json");
                Optional<HaVmStatus> s = o.code() == 0 ? HaVmStatus.parse(o.out()) : Optional.empty();
                if (s.isPresent()) {
                    return new Asked(fqdn, s.get());
                }
                why.add(fqdn + ": " + (o.err().isBlank() ? o.out() : o.err()).strip());
            } catch (RemoteException | CommandException e) {
                why.add(fqdn + ": " + e.getMessage());
            }
        }
        throw new CommandException("no hosted-engine HA agent answered: " + String.join("; ", why), 1, null);
    }

    /** The hosted-engine hosts' addresses as last read from the Manager, then as the catalog's backups name them. */
    private static List<String> known(CommandContext ctx, Catalog catalog) {
        Set<String> out = new LinkedHashSet<>();
        ctx.lastKnown().ifPresent(env -> env.hosts().stream().filter(h -> h.hostedEngine().configured())
                .map(Host::address).forEach(out::add));
        catalog.list().stream().map(CatalogEntry::hosts).flatMap(List::stream)
                .filter(h -> h.contains(".") && !h.contains(" ")).forEach(out::add);
        return new ArrayList<>(out);
    }

    private static void run(CommandContext ctx, String fqdn, String command) {
        try (SshSession ssh = ctx.connector().ssh(fqdn)) {
            SshSession.Output o = ssh.run(command);
            if (o.code() != 0) {
                throw new CommandException(command + " on " + fqdn + " failed: " + (o.err().isBlank() ? o.out()
                        : o.err()).strip(), 1, null);
            }
        }
    }

    private static String render(Asked a) {
        StringBuilder b = new StringBuilder();
        int width = a.status().agents().stream().mapToInt(x -> x.hostname().length()).max().orElse(4);
        b.append(String.format("%-" + width + "s  %5s  %s%n", "HOST", "SCORE", "ENGINE VM"));
        for (HaVmStatus.Agent x : a.status().agents()) {
            b.append(String.format("%-" + width + "s  %5d  %s%n", x.hostname(), x.score(), x.live() ? x.describe()
                    : "unknown (stale data)"));
        }
        b.append("global maintenance: ").append(a.status().globalMaintenance() ? "on" : "off").append(" (asked on ")
                .append(a.fqdn()).append(')');
        return b.toString();
    }
}

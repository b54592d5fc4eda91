package org.heshell.command;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.heshell.engine.HostWait;
import org.heshell.model.Environment;
import org.heshell.model.Host;
import org.heshell.model.HostStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "host", header = "Put a host into maintenance, activate it, remove it; attach a network.",
        description = "Change a host: maintenance, activate, remove, attach a network to one of its NICs.",
        subcommands = {HostCommand.Maintenance.class, HostCommand.Activate.class, HostCommand.Remove.class,
            HostCommand.AttachNetwork.class},
        footer = {"%nExamples:", "  host maintenance \"Host 1\"", "  host activate host1.lab.example",
            "  host remove \"Host 1\"", "  host attach-network \"Host 3\" storage eth1"})
public final class HostCommand {

    /** What every host action shares: the host, how long to wait, whether to wait at all. */
    abstract static class HostAction implements Callable<Result> {
        final CommandContext ctx;

        @Parameters(index = "0", paramLabel = "HOST", completionCandidates = HostNames.class,
                description = "The host: name, FQDN or IP.")
        String host;

        @picocli.CommandLine.Mixin
        WaitOptions waiting = new WaitOptions(600);

        HostAction(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public final Result call() {
            waiting.timeout();
            Environment env = ctx.refresh();
            return act(env, ctx.host(env, host));
        }

        abstract Result act(Environment env, Host h);

        /** Waits until {@code h} reaches one of {@code wanted}, reporting VMs that move meanwhile. */
        HostWait.Outcome await(Environment before, Host h, EnumSet<HostStatus> wanted) {
            HostWait.Outcome o = HostWait.until(ctx.engine(), before, h, wanted, waiting.timeout(),
                    ctx.connector() == null ? 1 : ctx.connector().clockSpeed(), ctx.progress());
            ctx.remember(o.environment());
            return o;
        }

        static Result unchanged(String why, Host h, Environment env) {
            return new Result.HostChanged(why, h, List.of(), Duration.ZERO, env);
        }
    }

    @Command(name = "maintenance", header = "Put a host into maintenance; its VMs migrate away.", description = {
        "Put a host into maintenance: the Manager migrates its VMs away, then the host is in Maintenance.",
        "Waits, showing each VM as it migrates and where it lands; Ctrl-C stops the wait, not the migration.",
        "A VM that no host has room for is named as soon as it is seen; when nothing left can move and nothing",
        "migrates, the wait ends early, saying why (the host stays Preparing for Maintenance)."},
            footer = {"%nExample:", "  host maintenance \"Host 1\""})
    public static final class Maintenance extends HostAction {
        public Maintenance(CommandContext ctx) {
            super(ctx);
        }

        @Override
        Result act(Environment env, Host h) {
            if (h.status() == HostStatus.MAINTENANCE) {
                return unchanged("already in maintenance", h, env);
            }
            if (h.status() != HostStatus.PREPARING_FOR_MAINTENANCE) {
                ctx.engine().deactivate(h);
            }
            if (waiting.noWait()) {
                return unchanged("maintenance requested", h, env);
            }
            HostWait.Outcome o = await(env, h, EnumSet.of(HostStatus.MAINTENANCE));
            return new Result.HostChanged("in maintenance", o.host(), o.migrations(), o.took(), o.environment());
        }
    }

    @Command(name = "activate", header = "Activate a host and wait until it is Up.", description = {
        "Activate a host (from Maintenance or Non Operational) and wait until it is Up."},
            footer = {"%nExample:", "  host activate \"Host 1\""})
    public static final class Activate extends HostAction {
        private static final EnumSet<HostStatus> SETTLED = EnumSet.of(HostStatus.UP, HostStatus.NON_OPERATIONAL,
                HostStatus.NON_RESPONSIVE, HostStatus.INSTALL_FAILED, HostStatus.ERROR);

        public Activate(CommandContext ctx) {
            super(ctx);
        }

        @Override
        Result act(Environment env, Host h) {
            if (h.status() == HostStatus.UP) {
                return unchanged("already up", h, env);
            }
            ctx.engine().activate(h);
            if (waiting.noWait()) {
                return unchanged("activation requested", h, env);
            }
            // A Non Operational host being activated must leave that state, not be taken as settled in it.
            EnumSet<HostStatus> settled = EnumSet.copyOf(SETTLED);
            settled.remove(h.status());
            HostWait.Outcome o = await(env, h, settled);
            if (o.host().status() != HostStatus.UP) {
                throw new CommandException(h.name() + " did not come Up: it is " + o.host().status().label()
                        + "; look at its events in the Administration Portal, fix the cause, then activate again");
            }
            return new Result.HostChanged("activated", o.host(), o.migrations(), o.took(), o.environment());
        }
    }

    /** The statuses the Manager removes a host in, besides Maintenance (RemoveVdsCommand.statusLegalForRemove). */
    private static final EnumSet<HostStatus> REMOVABLE_AS_IT_IS = EnumSet.of(HostStatus.NON_OPERATIONAL,
            HostStatus.NON_RESPONSIVE, HostStatus.INSTALL_FAILED, HostStatus.DOWN, HostStatus.PENDING_APPROVAL,
            HostStatus.UNASSIGNED);

    @Command(name = "remove", header = "Remove a host from the Manager: in Maintenance, or --force when Non"
            + " Operational.", description = {
        "Remove a host from the Manager. The Manager removes no host that is operational: put it into",
        "maintenance first (host maintenance HOST), which moves its VMs away, then remove it.",
        "--force removes a host that is Non Operational (or Non Responsive, Install Failed, Down) as it is,",
        "without maintenance, with the remove action's force flag; it must still run no VMs. Nothing is",
        "removed while the host is Up, on its way to maintenance, or runs VMs."},
            footer = {"%nExamples:", "  host remove \"Host 1\"", "  host remove --force \"Host 3\""})
    public static final class Remove implements Callable<Result> {
        private final CommandContext ctx;

        @Parameters(index = "0", paramLabel = "HOST", completionCandidates = HostNames.class,
                description = "The host: name, FQDN or IP.")
        String host;

        @Option(names = "--force", description = "Remove a Non Operational (Non Responsive, Install Failed, Down)"
                + " host without putting it into maintenance first.")
        boolean force;

        public Remove(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Result call() {
            Environment env = ctx.refresh();
            Host h = ctx.host(env, host);
            String quoted = "'" + h.name() + "'";
            if (h.status() != HostStatus.MAINTENANCE && !REMOVABLE_AS_IT_IS.contains(h.status())) {
                throw new CommandException(h.name() + " is " + h.status().label() + ": the Manager removes only a"
                        + " host in Maintenance" + (force ? " (--force is for a Non Operational one)" : "")
                        + "; `host maintenance " + quoted + "` first, then `host remove " + quoted + "` (nothing"
                        + " changed)");
            }
            if (h.status() != HostStatus.MAINTENANCE && !force) {
                throw new CommandException(h.name() + " is " + h.status().label() + ", not in Maintenance:"
                        + " `host maintenance " + quoted + "` first, or `host remove --force " + quoted + "` to"
                        + " remove it as it is (nothing changed)");
            }
            List<String> running = env.vmsOn(h.id()).stream().filter(v -> v.status() != org.heshell.model.VmStatus
                    .DOWN).map(org.heshell.model.Vm::name).toList();
            if (!running.isEmpty()) {
                throw new CommandException(h.name() + " still runs " + String.join(", ", running) + ": the Manager"
                        + " removes no host that runs VMs; `host maintenance " + quoted + "` moves them away"
                        + " (nothing changed)");
            }
            ctx.engine().remove(h, force);
            Environment after = ctx.refresh();
            return HostAction.unchanged("removed from the Manager" + (force ? " (forced)" : "") + "; it was", h,
                    after);
        }
    }

    @Command(name = "attach-network", header = "Attach a cluster network to a NIC of a host (Setup Host Networks).",
            description = {"Attach one of the cluster's logical networks to a NIC of the host, as Setup Host",
        "Networks does, checking connectivity and saving the change. A host Non Operational for want of a",
        "required network stays so until it is activated (host activate), or until the Manager's",
        "auto-recovery, every five minutes, activates it; its events name the network it lacked",
        "(events --host HOST)."},
            footer = {"%nExample:", "  host attach-network \"Host 3\" storage eth1"})
    public static final class AttachNetwork implements Callable<Result> {
        private final CommandContext ctx;

        @Parameters(index = "0", paramLabel = "HOST", completionCandidates = HostNames.class,
                description = "The host: name, FQDN or IP.")
        String host;

        @Parameters(index = "1", paramLabel = "NETWORK", completionCandidates = HostNetworkNames.Networks.class,
                description = "The cluster's logical network, e.g. storage (TAB: those the host lacks first).")
        String network;

        @Parameters(index = "2", paramLabel = "NIC", completionCandidates = HostNetworkNames.Nics.class,
                description = "The host's network interface, e.g. eth1.")
        String nic;

        public AttachNetwork(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Result call() {
            Environment env = ctx.refresh();
            Host h = ctx.host(env, host);
            // Names checked first, each with the closest one: the Manager's refusal names neither what exists
            // nor what was meant.
            env.clusterOf(h).ifPresent(c -> {
                org.heshell.model.HostNetworks known = ctx.engine().hostNetworks(h, c.id());
                refuseUnknown("network", network, known.cluster(), "cluster " + c.name());
                refuseUnknown("network interface", nic, known.nics(), h.name());
            });
            ctx.engine().attachNetwork(h, network, nic);
            Environment after = ctx.refresh();
            Host now = after.host(h.id()).orElse(h);
            return HostAction.unchanged(network + " attached to " + nic + (now.status() == HostStatus.NON_OPERATIONAL
                    ? "; activate it to bring it Up (host activate '" + now.name() + "'), or the Manager's"
                    + " auto-recovery does within five minutes" : ""), now, after);
        }

        private static void refuseUnknown(String what, String name, List<String> known, String of) {
            if (!known.contains(name)) {
                throw new CommandException("no " + what + " '" + name + "' in " + of + "; " + (known.isEmpty()
                        ? "it has none" : "closest: " + String.join(", ", Suggestions.closest(name, known, 3)))
                        + " (nothing changed; TAB offers them)", 1, null);
            }
        }
    }
}

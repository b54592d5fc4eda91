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

@Command(name = "host", header = "Put a host into maintenance or activate it.",
        description = "Change a host: maintenance, activate.",
        subcommands = {HostCommand.Maintenance.class, HostCommand.Activate.class},
        footer = {"%nExamples:", "  host maintenance \"Host 1\"", "  host activate host1.lab.example"})
public final class HostCommand {

    /** What every host action shares: the host, how long to wait, whether to wait at all. */
    abstract static class HostAction implements Callable<Result> {
        final CommandContext ctx;

        @Parameters(index = "0", paramLabel = "HOST", completionCandidates = HostNames.class,
                description = "The host: name, FQDN or IP.")
        String host;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
                description = "Give up waiting after this many seconds (default: ${DEFAULT-VALUE}; on the lab, seconds"
                        + " of its clock: --lab-speed 100 makes 600 s of waiting 6 s).")
        int timeoutSeconds;

        @Option(names = "--no-wait", description = "Return as soon as the Manager accepted the request.")
        boolean noWait;

        HostAction(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public final Result call() {
            if (timeoutSeconds <= 0) {
                throw new CommandException("--timeout must be a positive number of seconds, not " + timeoutSeconds);
            }
            Environment env = ctx.refresh();
            return act(env, ctx.host(env, host));
        }

        abstract Result act(Environment env, Host h);

        /** Waits until {@code h} reaches one of {@code wanted}, reporting VMs that move meanwhile. */
        HostWait.Outcome await(Environment before, Host h, EnumSet<HostStatus> wanted) {
            HostWait.Outcome o = HostWait.until(ctx.engine(), before, h, wanted, Duration.ofSeconds(timeoutSeconds),
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
            if (noWait) {
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
            if (noWait) {
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
}

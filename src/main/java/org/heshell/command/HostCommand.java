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

@Command(name = "host", description = "Change a host: maintenance, activate.",
        subcommands = {HostCommand.Maintenance.class, HostCommand.Activate.class},
        footer = {"%nExamples:", "  host maintenance \"Host 1\"", "  host activate host1.lab.example"})
public final class HostCommand {

    /** Options shared by the host actions that wait. */
    static final class WaitOptions {
        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "600",
                description = "Give up waiting after this many seconds (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;

        @Option(names = "--no-wait", description = "Return as soon as the Manager accepted the request.")
        boolean noWait;

        Duration timeout() {
            if (timeoutSeconds <= 0) {
                throw new CommandException("--timeout must be a positive number of seconds, not " + timeoutSeconds);
            }
            return Duration.ofSeconds(timeoutSeconds);
        }
    }

    @Command(name = "maintenance", description = {
        "Put a host into maintenance: the Manager migrates its VMs away, then the host is in Maintenance.",
        "Waits, showing each VM as it migrates and where it lands; Ctrl-C stops the wait, not the migration."},
            footer = {"%nExample:", "  host maintenance \"Host 1\""})
    public static final class Maintenance implements Callable<Result> {
        private final CommandContext ctx;

        @Parameters(index = "0", paramLabel = "HOST", completionCandidates = HostNames.class,
                description = "The host: name, FQDN or IP.")
        String host;

        @picocli.CommandLine.Mixin
        WaitOptions wait = new WaitOptions();

        public Maintenance(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Result call() {
            Environment env = ctx.refresh();
            Host h = ctx.host(env, host);
            Duration timeout = wait.timeout();
            if (h.status() == HostStatus.MAINTENANCE) {
                return new Result.HostChanged("already in maintenance", h, List.of(), Duration.ZERO, env);
            }
            if (h.status() != HostStatus.PREPARING_FOR_MAINTENANCE) {
                ctx.engine().deactivate(h);
            }
            if (wait.noWait) {
                return new Result.HostChanged("maintenance requested", h, List.of(), Duration.ZERO, env);
            }
            HostWait.Outcome o = HostWait.until(ctx.engine(), env, h, EnumSet.of(HostStatus.MAINTENANCE), timeout,
                    ctx.progress());
            ctx.remember(o.environment());
            return new Result.HostChanged("in maintenance", o.host(), o.migrations(), o.took(), o.environment());
        }
    }

    @Command(name = "activate", description = {
        "Activate a host (from Maintenance or Non Operational) and wait until it is Up."},
            footer = {"%nExample:", "  host activate \"Host 1\""})
    public static final class Activate implements Callable<Result> {
        private static final EnumSet<HostStatus> SETTLED = EnumSet.of(HostStatus.UP, HostStatus.NON_OPERATIONAL,
                HostStatus.NON_RESPONSIVE, HostStatus.INSTALL_FAILED, HostStatus.ERROR);
        private final CommandContext ctx;

        @Parameters(index = "0", paramLabel = "HOST", completionCandidates = HostNames.class,
                description = "The host: name, FQDN or IP.")
        String host;

        @picocli.CommandLine.Mixin
        WaitOptions wait = new WaitOptions();

        public Activate(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Result call() {
            Environment env = ctx.refresh();
            Host h = ctx.host(env, host);
            Duration timeout = wait.timeout();
            if (h.status() == HostStatus.UP) {
                return new Result.HostChanged("already up", h, List.of(), Duration.ZERO, env);
            }
            ctx.engine().activate(h);
            if (wait.noWait) {
                return new Result.HostChanged("activation requested", h, List.of(), Duration.ZERO, env);
            }
            // A Non Operational host being activated must leave that state, not be taken as settled in it.
            EnumSet<HostStatus> settled = EnumSet.copyOf(SETTLED);
            settled.remove(h.status());
            HostWait.Outcome o = HostWait.until(ctx.engine(), env, h, settled, timeout, ctx.progress());
            ctx.remember(o.environment());
            if (o.host().status() != HostStatus.UP) {
                throw new CommandException(h.name() + " did not come Up: it is " + o.host().status().label()
                        + "; look at its events in the Administration Portal, fix the cause, then activate again");
            }
            return new Result.HostChanged("activated", o.host(), o.migrations(), o.took(), o.environment());
        }
    }
}

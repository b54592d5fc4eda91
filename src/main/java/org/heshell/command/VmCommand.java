package org.heshell.command;

import java.time.Duration;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import org.heshell.engine.VmWait;
import org.heshell.model.Environment;
import org.heshell.model.Host;
import org.heshell.model.Vm;
import org.heshell.model.VmStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "vm", header = "Start, stop or migrate a VM.",
        description = {"Start, stop (shut down, or power off with --force) or migrate a VM through the Manager, and"
        + " wait until it gets there. The engine VM is the HA agents' to start and stop (`engine-vm`); the Manager"
        + " refuses those for it, and only migrates it."},
        subcommands = {VmCommand.Start.class, VmCommand.Stop.class, VmCommand.Migrate.class},
        footer = {"%nExamples:", "  vm start vm1", "  vm stop vm1", "  vm stop vm1 --force",
            "  vm migrate vm1 --to \"Host 3\""})
public final class VmCommand {

    /** What every VM action shares: the VM, how long to wait, whether to wait at all. */
    abstract static class VmAction implements Callable<Result> {
        final CommandContext ctx;

        @Parameters(index = "0", paramLabel = "VM", completionCandidates = VmNames.class,
                description = "The VM, by name.")
        String name;

        @picocli.CommandLine.Mixin
        WaitOptions waiting = new WaitOptions(300);

        VmAction(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public final Result call() {
            waiting.timeout();
            Environment env = ctx.refresh();
            return act(env, ctx.vm(env, name));
        }

        abstract Result act(Environment env, Vm vm);

        /** Waits until {@code vm} is in one of {@code wanted} (off {@code leaving}, for a migration). */
        Result await(String action, String requested, Environment before, Vm vm, EnumSet<VmStatus> wanted,
                     String leaving) {
            String from = hostName(before, vm);
            if (waiting.noWait()) {
                return new Result.VmChanged(requested, vm, from, Duration.ZERO, before);
            }
            VmWait.Outcome o = VmWait.until(ctx.engine(), vm, wanted, leaving, waiting.timeout(),
                    ctx.connector() == null ? 1 : ctx.connector().clockSpeed(), ctx.progress());
            ctx.remember(o.environment());
            return new Result.VmChanged(action, o.vm(), from, o.took(), o.environment());
        }

        static String hostName(Environment env, Vm vm) {
            return vm.hostId() == null ? null : env.host(vm.hostId()).map(Host::name).orElse(vm.hostId());
        }
    }

    @Command(name = "start", header = "Start a VM and wait until it is Up.", description = {
        "Start a down VM (VmService.start): the Manager's scheduler picks the host. Waits until it is Up; Ctrl-C",
        "stops the wait, not the start."},
            footer = {"%nExample:", "  vm start vm1"})
    public static final class Start extends VmAction {
        public Start(CommandContext ctx) {
            super(ctx);
        }

        @Override
        Result act(Environment env, Vm vm) {
            if (vm.status() == VmStatus.UP) {
                return new Result.VmChanged("already up", vm, hostName(env, vm), Duration.ZERO, env);
            }
            ctx.engine().startVm(vm);
            return await("started", "start requested", env, vm, EnumSet.of(VmStatus.UP), null);
        }
    }

    @Command(name = "stop", header = "Shut a VM down (or power it off with --force) and wait until it is Down.",
            description = {"Shut a VM down: its guest is asked to shut down (VmService.shutdown, the portal's",
        "Shutdown). With --force it is powered off at once (VmService.stop, the portal's Power Off), as a",
        "guest that does not answer needs. Waits until it is Down; Ctrl-C stops the wait, not the stop."},
            footer = {"%nExamples:", "  vm stop vm1", "  vm stop vm1 --force"})
    public static final class Stop extends VmAction {
        @Option(names = {"--force", "--poweroff"}, description = "Power the VM off instead of asking its guest.")
        boolean force;

        public Stop(CommandContext ctx) {
            super(ctx);
        }

        @Override
        Result act(Environment env, Vm vm) {
            if (vm.status() == VmStatus.DOWN) {
                return new Result.VmChanged("already down", vm, null, Duration.ZERO, env);
            }
            if (force) {
                ctx.engine().stopVm(vm);
            } else {
                ctx.engine().shutdownVm(vm);
            }
            return await(force ? "powered off" : "shut down", force ? "power-off requested" : "shutdown requested",
                    env, vm, EnumSet.of(VmStatus.DOWN), null);
        }
    }

    @Command(name = "migrate", header = "Migrate a running VM, to a host or where the Manager places it.",
            description = {"Migrate a running VM (VmService.migrate): to the host given with --to, or to the one the",
        "Manager's scheduler picks. Waits until it runs on its new host; Ctrl-C stops the wait, not the migration."},
            footer = {"%nExamples:", "  vm migrate vm1", "  vm migrate vm1 --to \"Host 3\""})
    public static final class Migrate extends VmAction {
        @Option(names = "--to", paramLabel = "HOST", completionCandidates = HostNames.class,
                description = "The destination host (name, FQDN or IP); default: the scheduler's choice.")
        String to;

        public Migrate(CommandContext ctx) {
            super(ctx);
        }

        @Override
        Result act(Environment env, Vm vm) {
            Host target = to == null ? null : ctx.host(env, to);
            if (vm.status() != VmStatus.UP) {
                throw new CommandException(vm.name() + " is " + vm.status().label() + "; only a running VM migrates"
                        + (vm.status() == VmStatus.DOWN ? " (`vm start " + vm.name() + "` first)" : ""));
            }
            if (target != null && target.id().equals(vm.hostId())) {
                return new Result.VmChanged("already there", vm, null, Duration.ZERO, env);
            }
            ctx.engine().migrateVm(vm, target);
            return await("migrated", "migration requested", env, vm, EnumSet.of(VmStatus.UP), vm.hostId());
        }
    }
}

package org.heshell.command;

import java.util.List;
import java.util.Optional;
import org.heshell.restore.TableResolver;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "lab", header = "The lab's controls: disasters, faults, machines, DNS.",
        description = "The lab's controls: disasters, faults, its machines and DNS.",
        subcommands = {LabCommand.Faults.class, LabCommand.Fault.class, LabCommand.Break.class,
            LabCommand.Machines.class, LabCommand.Dns.class, LabCommand.Os.class, LabCommand.Scenario.class,
            LabCommand.Reset.class,
            LabCommand.Status.class, LabCommand.Stop.class},
        footer = {"%nExamples:", "  lab break engine", "  lab break host \"Host 1\"", "  lab break storage", "  lab machines", "  lab dns remove PTR 192.0.2.11",
            "  lab os host4.lab.example 9.4", "  lab scenario missing-ptr", "  lab fault slow 200", "  lab fault drop-connection after 1048576",
            "  lab faults", "  lab fault clear", "  lab reset", "  lab status", "  lab stop"})
public final class LabCommand {
    @Command(name = "status", header = "Show the process serving the lab: since when, where, its speed.",
            description = {"Show the process that serves the lab in the background: its process id, since when it"
        + " runs, its API URL, whether its machines are up, its clock's speed and its log. Asking never starts it."},
            footer = {"%nExample:", "  lab status"})
    public static final class Status implements Callable<Result> {
        private final CommandContext ctx;

        public Status(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Result call() {
            return new Result.LabProcessShown(ctx.connector().labStatus(), false);
        }
    }

    @Command(name = "stop", header = "Stop the process serving the lab; its state is kept.",
            description = {"Stop the process that serves the lab in the background, as shutting down a real engine"
        + " would: every shell on this lab loses its Manager until the next command that needs it starts the lab"
        + " again, where it was. Hosts, VMs and backups are kept (`lab reset` is what forgets them)."},
            footer = {"%nExample:", "  lab stop"})
    public static final class Stop implements Callable<Result> {
        private final CommandContext ctx;

        public Stop(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Result call() {
            org.heshell.lab.LabProcessStatus was = ctx.connector().labStop();
            ctx.dropSession();
            return new Result.LabProcessShown(was, was.running());
        }
    }

    @Command(name = "reset", header = "Put the lab back to its first picture, keeping nothing.",
            description = {"Put the lab back to its first picture (the engine VM on Host 2, six VMs "
        + "two per host), keeping nothing: hosts, VMs, the engine, DNS, OS versions, faults and the machines' files "
        + "go back to the start, and every disaster (`lab break`: a lost host, hosted_storage) is undone. Backups already fetched into the catalog stay; the lab's speed stays."},
            footer = {"%nExample:", "  lab reset"})
    public static final class Reset implements Callable<Result> {
        private final CommandContext ctx;

        public Reset(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Result call() {
            ctx.connector().labReset();
            ctx.refresh();
            return new Result.Text("the lab is back to its first picture: the engine VM on Host 2, six VMs two per"
                    + " host, no faults");
        }
    }

    @Command(name = "break", header = "Bring about a disaster: the engine, a host or the engine's storage lost.",
            description = {"Bring about one of the disasters the procedure and real restores meet, as it comes about"
        + " in a real environment (without WHAT, list them):",
        "  engine       the engine VM and its API are gone; hosts and their VMs run on",
        "  host HOST    a host lost for good: it stops answering, the Manager marks it Non Responsive and its VMs"
        + " Unknown; if the engine VM ran there, the HA agents start it elsewhere (not in global maintenance)",
        "  storage      hosted_storage is gone: the engine VM goes down and cannot start anywhere",
        "Only a restore brings a lost engine back (restore plan, then restore run; or restore-she); `lab reset`"
        + " takes every disaster away."},
            footer = {"%nExamples:", "  lab break engine", "  lab break host \"Host 1\"", "  lab break storage"})
    public static final class Break implements Callable<Result> {
        /** The way back, with the commands that exist for it. */
        static final String RECOVER = "Recover with `restore plan BACKUP --deploy-on HOST` (`backup list` names the"
                + " backups), then `restore run ID` with the id it saves; or `restore-she BACKUP --deploy-on HOST`"
                + " for both";
        private final CommandContext ctx;

        @Parameters(index = "0", arity = "0..1", paramLabel = "WHAT", completionCandidates = Breakables.class,
                description = "One of: ${COMPLETION-CANDIDATES}")
        String what;

        @Parameters(index = "1", arity = "0..1", paramLabel = "HOST", completionCandidates = HostNames.class,
                description = "For host: the host lost (name or FQDN).")
        String host;

        public Break(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Result call() {
            if (what == null) {
                StringBuilder b = new StringBuilder("Disasters the lab can bring about (lab break WHAT):\n");
                int width = java.util.Arrays.stream(LabDisaster.values()).mapToInt(d -> d.usage().length()).max()
                        .orElse(0);
                for (LabDisaster d : LabDisaster.values()) {
                    b.append(String.format("  %-" + width + "s  %s%n", d.usage(), d.description()));
                }
                return new Result.Text(b.toString().stripTrailing());
            }
            LabDisaster disaster = LabDisaster.byId(what).orElseThrow(() -> new CommandException("the lab can break: "
                    + String.join(", ", LabDisaster.ids()) + ", not '" + what + "'", 2, null));
            if (disaster.argument() == null && host != null || disaster.argument() != null && host == null) {
                throw new CommandException("usage: lab break " + disaster.usage() + " (`help lab break`)", 2, null);
            }
            LabSiteSettings site = ctx.connector().labSite(null);
            if (site.engine().equals("bootstrap")) {
                throw new CommandException("a restore is deploying the lab's engine right now; `restore list` shows"
                        + " where it stands");
            }
            return switch (disaster) {
                case ENGINE -> engine(site);
                case HOST -> host(site);
                case STORAGE -> storage(site);
            };
        }

        private Result engine(LabSiteSettings site) {
            if (!site.engine().equals("up")) {
                throw new CommandException("the lab's engine is " + site.engine() + " already; " + RECOVER);
            }
            ctx.connector().labSite(site.withEngine("gone"));
            return new Result.Text("the engine VM and its API are gone; hosts and their VMs run on. " + RECOVER);
        }

        private Result host(LabSiteSettings site) {
            // The Manager may be gone: a host's name is then resolved from what this shell last saw of it.
            Optional<org.heshell.model.Environment> env = Optional.empty();
            try {
                env = Optional.of(ctx.refresh());
            } catch (RuntimeException e) {
                env = ctx.lastKnown();
            }
            Optional<org.heshell.model.Host> known = env.flatMap(e -> e.findHost(host).or(() -> e.hosts().stream()
                    .filter(h -> h.name().equalsIgnoreCase(host)).findFirst()));
            String fqdn = known.map(org.heshell.model.Host::address).orElse(host);
            String engineFqdn = env.map(org.heshell.model.Environment::engineFqdn).orElse("");
            List<String> hosts = site.machines().stream().map(LabSiteSettings.Machine::fqdn)
                    .filter(f -> !f.equalsIgnoreCase(engineFqdn)).toList();
            Optional<String> machine = hosts.stream().filter(f -> f.equalsIgnoreCase(fqdn)).findFirst();
            if (machine.isEmpty()) {
                throw new CommandException("the lab has no host '" + host + "'; one of: " + String.join(", ", hosts)
                        + " (or a host's name, `hosts`)", 2, null);
            }
            String name = known.map(h -> machine.get() + " (" + h.name() + ")").orElse(machine.get());
            if (site.lost().stream().anyMatch(f -> f.equalsIgnoreCase(machine.get()))) {
                throw new CommandException(name + " is lost already; `lab reset` brings it back", 1, null);
            }
            boolean engineThere = known.isPresent() && env.get().engineHost().map(h -> h.id().equals(known.get()
                    .id())).orElse(false) && site.engine().equals("up");
            ctx.connector().labSite(site.withLost(machine.get()));
            return new Result.Text(name + " is lost for good: it answers nothing, the Manager marks it Non Responsive"
                    + " and the VMs that ran there Unknown" + (engineThere ? "; the engine VM ran there and is down"
                    + " with it: the HA agents start it on another hosted-engine host unless in global maintenance"
                    + " (`engine-vm status`)" : "") + ". A lost host cannot be a restore's deploy host; `lab reset`"
                    + " brings it back");
        }

        private Result storage(LabSiteSettings site) {
            if (!site.hostedStorage().equals("ok")) {
                throw new CommandException("hosted_storage is " + site.hostedStorage() + " already; `lab reset`"
                        + " brings it back", 1, null);
            }
            ctx.connector().labSite(site.withStorageLost());
            return new Result.Text("hosted_storage is gone: the engine VM is down and cannot start on any host, the"
                    + " HA agents have lost their metadata. A restore must deploy the new engine VM onto new storage: give"
                    + " it with --storage SERVER:/EXPORT (the lab's storage server 192.0.2.5 has empty exports, e.g."
                    + " /exports/he_new). " + RECOVER);
        }
    }

    @Command(name = "machines", header = "The lab's machines, their OS and the appliance.",
            description = {"The lab's machines (the engine VM, the hosts, the spare host4) with",
        "their OS and the cluster networks their eth1 carries, the appliance the",
        "hosts would deploy, whether the engine runs, and the cluster's networks."})
    public static final class Machines implements Callable<Result> {
        private final CommandContext ctx;

        public Machines(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Result call() {
            LabSiteSettings site = ctx.connector().labSite(null);
            StringBuilder b = new StringBuilder("engine: " + site.engine() + "; appliance on the hosts: "
                    + "ovirt-engine-appliance-" + site.appliance() + "\n");
            for (LabSiteSettings.Machine m : site.machines()) {
                b.append(String.format("%-22s %-16s RHEL %s%s%n", m.fqdn(), String.join(",", m.ips()), m.os(),
                        m.networks().isEmpty() ? "" : "  eth1: " + String.join(", ", m.networks())));
            }
            site.networks().forEach(n -> b.append("cluster network ").append(n.name()).append(n.required()
                    ? " (required on every host)" : "").append('\n'));
            return new Result.Text(b.toString().stripTrailing());
        }
    }

    @Command(name = "dns", header = "List or change the lab's DNS table.",
            description = {"The lab's DNS table, or change it:",
        "  dns                         list the records",
        "  dns remove A|PTR NAME        remove records (PTR: NAME is the address)",
        "  dns add A|PTR NAME VALUE     add a record"},
            footer = {"%nExamples:", "  lab dns remove PTR 192.0.2.11",
                "  lab dns add PTR 192.0.2.11 host1.lab.example"})
    public static final class Dns implements Callable<Result> {
        private final CommandContext ctx;

        @Parameters(paramLabel = "CHANGE", arity = "0..4", completionCandidates = LabDnsWords.class,
                description = "remove A|PTR NAME | add A|PTR NAME VALUE")
        List<String> words = List.of();

        public Dns(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Result call() {
            LabSiteSettings site = ctx.connector().labSite(null);
            List<TableResolver.Record> records = new java.util.ArrayList<>(site.dns());
            if (!words.isEmpty()) {
                String op = words.get(0);
                boolean remove = op.equals("remove") && words.size() == 3;
                boolean add = op.equals("add") && words.size() == 4;
                if (!remove && !add || !List.of("A", "PTR").contains(words.get(1))) {
                    throw new CommandException("usage: lab dns remove A|PTR NAME, or lab dns add A|PTR NAME VALUE"
                            + " (`help lab dns`)", 2, null);
                }
                String type = words.get(1);
                String name = words.get(2);
                if (remove && !records.removeIf(r -> r.type().equals(type) && r.name().equalsIgnoreCase(name))) {
                    throw new CommandException("the lab's DNS has no " + type + " record for " + name
                            + " (`lab dns` lists them)", 2, null);
                }
                if (add) {
                    // one value per name and type, as the lessons and the checks read the table: a second A or
                    // PTR for the same name would answer differently from one lookup to the next
                    Optional<TableResolver.Record> same = records.stream()
                            .filter(r -> r.type().equals(type) && r.name().equalsIgnoreCase(name)).findFirst();
                    if (same.isPresent()) {
                        throw new CommandException("the lab's DNS already has " + type + " " + name + " "
                                + same.get().value() + (same.get().value().equalsIgnoreCase(words.get(3)) ? ""
                                : "; `lab dns remove " + type + " " + name + "` first to point it elsewhere")
                                + " (nothing changed)", 2, null);
                    }
                    records.add(new TableResolver.Record(type, name, words.get(3)));
                }
                site = ctx.connector().labSite(site.withDns(records));
            }
            StringBuilder b = new StringBuilder();
            site.dns().forEach(r -> b.append(String.format("%-4s %-22s %s%n", r.type(), r.name(), r.value())));
            return new Result.Text(b.toString().stripTrailing());
        }
    }

    @Command(name = "os", header = "Change a machine's OS version or the appliance's release.",
            description = {"Change a machine's OS version (its /etc/os-release), or the",
        "appliance's release (its RPM version-release, e.g. 4.5-20241010.1.el9)."},
            footer = {"%nExamples:", "  lab os host4.lab.example 9.4", "  lab os appliance 4.5-20241010.1.el9"})
    public static final class Os implements Callable<Result> {
        private final CommandContext ctx;

        @Parameters(index = "0", paramLabel = "MACHINE", completionCandidates = LabMachineNames.class,
                description = "a machine's FQDN, or appliance")
        String machine;

        @Parameters(index = "1", paramLabel = "VERSION", description = "e.g. 8.10, 9.4")
        String version;

        public Os(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Result call() {
            LabSiteSettings site = ctx.connector().labSite(null);
            if (machine.equals("appliance")) {
                ctx.connector().labSite(site.withAppliance(version));
                return new Result.Text("the hosts now have ovirt-engine-appliance-" + version);
            }
            if (site.machines().stream().noneMatch(m -> m.fqdn().equalsIgnoreCase(machine))) {
                throw new CommandException("the lab has no machine '" + machine + "'; one of: " + String.join(", ",
                        site.machines().stream().map(LabSiteSettings.Machine::fqdn).toList()) + ", appliance", 2,
                        null);
            }
            ctx.connector().labSite(site.withOs(machine, version));
            return new Result.Text(machine + " now runs RHEL " + version);
        }
    }

    @Command(name = "scenario", header = "Set up a failure real restores hit, or list them.",
            description = {"Set up on the lab one of the failures real restores hit, each the way it comes about in a"
        + " real environment; `restore plan` then shows which rule of the procedure it breaks. Without NAME, list"
        + " them. `lab reset` takes them all away."},
            footer = {"%nExamples:", "  lab scenario", "  lab scenario missing-ptr"})
    public static final class Scenario implements Callable<Result> {
        private final CommandContext ctx;

        @Parameters(arity = "0..1", paramLabel = "NAME", completionCandidates = ScenarioNames.class,
                description = "One of: ${COMPLETION-CANDIDATES}")
        String name;

        public Scenario(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Result call() {
            if (name == null) {
                StringBuilder b = new StringBuilder("Failures the lab can set up (lab scenario NAME):\n");
                int width = LabFailure.ids().stream().mapToInt(String::length).max().orElse(0);
                for (LabFailure f : LabFailure.values()) {
                    b.append(String.format("  %-" + width + "s  %s [%s]%n", f.id(), f.description(), f.rule()));
                }
                return new Result.Text(b.toString().stripTrailing());
            }
            LabFailure failure = LabFailure.byId(name).orElseThrow(() -> new CommandException("the lab has no"
                    + " scenario '" + name + "'; one of: " + String.join(", ", LabFailure.ids()), 2, null));
            ctx.connector().labSite(failure.applyTo(ctx.connector().labSite(null)));
            return new Result.Text("lab scenario " + failure.id() + ": " + failure.description() + " ("
                    + (failure.foundByPlan() ? "`restore plan` checks it as rule " + failure.rule()
                    : "it shows when the host is added again, in the restore's redeploy step") + "; `lab reset`"
                    + " undoes it)");
        }
    }

    /** Completion: the scenarios' names, from their declaration. */
    public static final class ScenarioNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return LabFailure.ids().iterator();
        }
    }

    /** Completion: what the lab can break, from its declaration. */
    public static final class Breakables implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return LabDisaster.ids().iterator();
        }
    }

    @Command(name = "faults", header = "Show the faults injected into the lab's machines.",
            description = "Show the faults injected into the lab's machines.")
    public static final class Faults implements Callable<Result> {
        private final CommandContext ctx;

        public Faults(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Result call() {
            return new Result.Text("lab faults: " + ctx.connector().labFaults(null).describe());
        }
    }

    @Command(name = "fault", header = "Inject a fault into the lab's machines, or clear them.",
            description = {"Inject a fault into the lab's machines, or clear them all:",
        "  slow KBPS                      SFTP reads at KBPS KiB/s",
        "  drop-connection [after] BYTES  an SSH connection drops after BYTES of SFTP",
        "  disk-full                      the engine VM has no space left (engine-backup fails, df shows 0)",
        "  clear                          no faults"},
            footer = {"%nExample:", "  lab fault drop-connection after 65536"})
    public static final class Fault implements Callable<Result> {
        private final CommandContext ctx;

        @Parameters(paramLabel = "FAULT", arity = "1..3", completionCandidates = Kinds.class,
                description = "slow KBPS | drop-connection [after] BYTES | disk-full | clear")
        List<String> words;

        public Fault(CommandContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Result call() {
            LabFaultSettings now = ctx.connector().labFaults(null);
            String kind = words.get(0);
            List<String> rest = words.subList(1, words.size());
            if (!rest.isEmpty() && rest.get(0).equals("after")) {
                rest = rest.subList(1, rest.size());
            }
            LabFaultSettings next = switch (kind) {
                case "slow" -> new LabFaultSettings(now.dropAfterBytes(), (int) number(kind, rest), now.diskFull());
                case "drop-connection" -> new LabFaultSettings(number(kind, rest), now.slowKbps(), now.diskFull());
                case "disk-full" -> new LabFaultSettings(now.dropAfterBytes(), now.slowKbps(), true);
                case "clear" -> LabFaultSettings.NONE;
                default -> throw new CommandException("unknown fault '" + kind + "'; one of: slow, drop-connection,"
                        + " disk-full, clear (`help lab fault`)", 2, null);
            };
            return new Result.Text("lab faults: " + ctx.connector().labFaults(next).describe());
        }

        private static long number(String kind, List<String> rest) {
            try {
                long n = Long.parseLong(rest.get(0));
                if (n <= 0 || n > Integer.MAX_VALUE) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (IndexOutOfBoundsException | NumberFormatException e) {
                throw new CommandException("`lab fault " + kind + "` needs a positive number (`help lab fault`)", 2,
                        null);
            }
        }
    }

    /** Completion: the kinds of fault. */
    public static final class Kinds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("slow", "drop-connection", "disk-full", "clear").iterator();
        }
    }
}

package org.heshell.command;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.heshell.restore.TableResolver;

/**
 * The failures real restores hit, as `lab scenario NAME` sets them up: each changes the lab's world the way the
 * failure comes about in a real environment, and names where it shows: the rule of the procedure (docs/procedure.md)
 * that `restore plan` checks, or the restore step it stops ({@code redeploy}: a host re-added after the restore).
 * A scenario only changes the lab; what follows (a refused plan, a failed deployment, a host Non Operational) is
 * the lab's and heshell's real behaviour.
 */
public enum LabFailure {
    MISSING_PTR("missing-ptr", "dns-host", "host1.lab.example's reverse DNS record is gone: its address has no PTR",
            site -> {
                List<String> ips = machine(site, "host1.lab.example").ips();
                List<TableResolver.Record> dns = new ArrayList<>(site.dns());
                dns.removeIf(r -> r.type().equals("PTR") && ips.contains(r.name()));
                return site.withDns(dns);
            }),
    HOST_OS_DIFFERS("host-os-differs", "os-host", "host1.lab.example was reinstalled with RHEL 9.4; the backup's"
            + " hosts ran 8.10", site -> site.withOs("host1.lab.example", "9.4")),
    OLD_APPLIANCE("old-appliance", "version", "the hosts carry ovirt-engine-appliance 4.4, older than the backup's"
            + " engine (4.5)", site -> site.withAppliance("4.4-20220308.1.el8")),
    MISSING_NETWORK("missing-network", "redeploy", "the cluster requires the network 'storage'; host3.lab.example"
            + " was reinstalled and its NIC eth1 no longer carries it", site -> site.withRequiredNetwork("storage",
            "host3.lab.example")),
    ENGINE_STILL_RUNNING("engine-still-running", "manager", "the Manager stops answering, but its engine VM still"
            + " runs on Host 2 (ovirt-engine hangs in it)", site -> {
                if (!site.engine().equals("up")) {
                    throw new CommandException("engine-still-running needs a running engine, and the lab's is "
                            + site.engine() + "; `lab reset` gives one back", 1, null);
                }
                return site.withEngine("hung");
            });

    private final String id;
    private final String rule;
    private final String description;
    private final UnaryOperator<LabSiteSettings> change;

    LabFailure(String id, String rule, String description, UnaryOperator<LabSiteSettings> change) {
        this.id = id;
        this.rule = rule;
        this.description = description;
        this.change = change;
    }

    public String id() {
        return id;
    }

    /** The rule of the procedure the failure breaks, as `restore plan` names it, or the restore step it stops. */
    public String rule() {
        return rule;
    }

    /** Whether `restore plan` finds it before anything changes; else it shows in the run, at step {@link #rule}. */
    public boolean foundByPlan() {
        return !rule.equals("redeploy");
    }

    public String description() {
        return description;
    }

    /** The lab's site with this failure in it. */
    LabSiteSettings applyTo(LabSiteSettings site) {
        return change.apply(site);
    }

    public static Optional<LabFailure> byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(LabFailure::id).toList();
    }

    private static LabSiteSettings.Machine machine(LabSiteSettings site, String fqdn) {
        return site.machines().stream().filter(m -> m.fqdn().equalsIgnoreCase(fqdn)).findFirst().orElseThrow(
                () -> new CommandException("the lab has no machine " + fqdn + "; `lab reset` gives the standard one"));
    }
}

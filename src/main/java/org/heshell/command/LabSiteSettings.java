package org.heshell.command;

import java.util.ArrayList;
import java.util.List;
import org.heshell.restore.TableResolver;

/**
 * The lab's site as its control resource speaks of it: whether the engine runs ("up", "gone", "bootstrap"), the
 * appliance the hosts would deploy, the machines with their OS versions, and the lab's DNS table.
 */
public record LabSiteSettings(String engine, String appliance, List<Machine> machines,
                              List<TableResolver.Record> dns, List<String> lost, String hostedStorage) {
    public record Machine(String fqdn, List<String> ips, String os) {
    }

    public LabSiteSettings {
        machines = List.copyOf(machines);
        dns = List.copyOf(dns);
        lost = lost == null ? List.of() : List.copyOf(lost);
        hostedStorage = hostedStorage == null ? "ok" : hostedStorage;
    }

    /** A machine lost for good (`lab break host`), by FQDN. */
    LabSiteSettings withLost(String fqdn) {
        List<String> next = new ArrayList<>(lost);
        next.add(fqdn);
        return new LabSiteSettings(engine, appliance, machines, dns, next, hostedStorage);
    }

    /** hosted_storage gone (`lab break storage`). */
    LabSiteSettings withStorageLost() {
        return new LabSiteSettings(engine, appliance, machines, dns, lost, "lost");
    }

    LabSiteSettings withEngine(String newEngine) {
        return new LabSiteSettings(newEngine, appliance, machines, dns, lost, hostedStorage);
    }

    LabSiteSettings withAppliance(String newAppliance) {
        return new LabSiteSettings(engine, newAppliance, machines, dns, lost, hostedStorage);
    }

    LabSiteSettings withOs(String fqdn, String os) {
        List<Machine> next = new ArrayList<>();
        for (Machine m : machines) {
            next.add(m.fqdn().equalsIgnoreCase(fqdn) ? new Machine(m.fqdn(), m.ips(), os) : m);
        }
        return new LabSiteSettings(engine, appliance, next, dns, lost, hostedStorage);
    }

    LabSiteSettings withDns(List<TableResolver.Record> records) {
        return new LabSiteSettings(engine, appliance, machines, records, lost, hostedStorage);
    }
}

package org.heshell.lab;

import java.util.List;
import java.util.Optional;

/**
 * The lab's world outside the Manager's database: whether the engine runs ({@code engine}: "up", "gone" after
 * `lab break engine`, "bootstrap" while a restore deployment runs), the engine appliance the hosts would deploy
 * (its RPM's version-release, e.g. 4.5-20241010.1.el8), the machines, and the DNS table the lab answers with.
 */
public record LabSite(String engine, String appliance, List<LabMachine> machines, List<LabDnsRecord> dns) {
    public static final String UP = "up";
    public static final String GONE = "gone";
    public static final String BOOTSTRAP = "bootstrap";

    public LabSite {
        machines = List.copyOf(machines);
        dns = List.copyOf(dns);
    }

    /** Whether the Manager's API answers: running, or the bootstrap engine of a restore deployment. */
    boolean apiAnswers() {
        return !GONE.equals(engine);
    }

    Optional<LabMachine> machine(String fqdn) {
        return machines.stream().filter(m -> m.fqdn().equalsIgnoreCase(fqdn)).findFirst();
    }

    /** The addresses {@code name} resolves to in the lab's DNS. */
    List<String> forward(String name) {
        return dns.stream().filter(r -> r.type().equals("A") && r.name().equalsIgnoreCase(name))
                .map(LabDnsRecord::value).toList();
    }

    /** The name {@code ip} resolves back to, if it has a PTR record. */
    Optional<String> reverse(String ip) {
        return dns.stream().filter(r -> r.type().equals("PTR") && r.name().equals(ip)).map(LabDnsRecord::value)
                .findFirst();
    }

    LabSite withEngine(String newEngine) {
        return new LabSite(newEngine, appliance, machines, dns);
    }
}

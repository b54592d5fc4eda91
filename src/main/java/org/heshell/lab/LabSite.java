package org.heshell.lab;

import java.util.List;
import java.util.Optional;
import org.heshell.restore.TableResolver;

/**
 * The lab's world outside the Manager's database: whether the engine runs ({@code engine}: "up", "gone" after
 * `lab break engine`, "hung" while its VM runs but its API does not answer, "down" while its VM is shut down on
 * purpose, "bootstrap" while a restore deployment runs), the engine appliance the hosts would deploy
 * (its RPM's version-release, e.g. 4.5-20241010.1.el8), the machines, and the DNS table the lab answers with.
 */
public record LabSite(String engine, String appliance, List<LabMachine> machines, List<TableResolver.Record> dns) {
    public static final String UP = "up";
    public static final String GONE = "gone";
    public static final String BOOTSTRAP = "bootstrap";
    /** The engine VM runs, but ovirt-engine in it no longer answers: the Manager looks lost, and is not. */
    public static final String HUNG = "hung";
    /** The engine VM was shut down (hosted-engine --vm-shutdown): its disk is there, it can be started again. */
    public static final String DOWN = "down";

    public LabSite {
        machines = List.copyOf(machines);
        dns = List.copyOf(dns);
    }

    /** Whether the Manager's API answers: running, or the bootstrap engine of a restore deployment. */
    boolean apiAnswers() {
        return UP.equals(engine) || BOOTSTRAP.equals(engine);
    }

    /** Whether the engine VM runs (answering or not). */
    boolean engineVmRuns() {
        return UP.equals(engine) || HUNG.equals(engine);
    }

    Optional<LabMachine> machine(String fqdn) {
        return machines.stream().filter(m -> m.fqdn().equalsIgnoreCase(fqdn)).findFirst();
    }

    /** The lab's DNS, answering as a resolver would. */
    TableResolver resolver() {
        return new TableResolver(dns);
    }

    LabSite withEngine(String newEngine) {
        return new LabSite(newEngine, appliance, machines, dns);
    }
}

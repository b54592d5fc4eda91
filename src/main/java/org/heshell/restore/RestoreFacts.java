package org.heshell.restore;

/**
 * The live facts a plan is checked against: the deploying host, whether a Manager answers at the engine FQDN
 * ({@code managerAnswer}: what answered, null when nothing did), what the hosted-engine HA agents say of the old
 * engine VM ({@code haAgents}: null when no agent could be asked), the FQDN the new Manager will have, and the
 * resolver (the system's, or the lab's DNS table); {@code unreachable}: the backup's other hosts that did not answer
 * over SSH (empty when all did, or none was asked); {@code newStorage}: the new storage asked for the engine VM
 * (SERVER:/PATH, null for none).
 */
public record RestoreFacts(DeployHost host, String managerAnswer, HaAgents haAgents, String newEngineFqdn,
                           Resolver dns, java.util.List<Unreachable> unreachable, String newStorage) {
    public RestoreFacts {
        unreachable = unreachable == null ? java.util.List.of() : java.util.List.copyOf(unreachable);
    }

    /** A host of the backup that answered nothing over SSH: its name there, its FQDN, and what SSH said. */
    public record Unreachable(String name, String fqdn, String why) {
    }

    public RestoreFacts(DeployHost host, String managerAnswer, HaAgents haAgents, String newEngineFqdn,
                        Resolver dns) {
        this(host, managerAnswer, haAgents, newEngineFqdn, dns, java.util.List.of(), null);
    }

    /**
     * What `hosted-engine --vm-status` on {@code askedOn} said: {@code runningOn} the host whose agent reports the
     * engine VM up (null when none does) and {@code engineStatus} that agent's words; {@code storageProblem} what the
     * agents said when none could read the hosted-engine storage domain (null when they could).
     */
    public record HaAgents(String askedOn, String runningOn, String engineStatus, String storageProblem) {
        public HaAgents(String askedOn, String runningOn, String engineStatus) {
            this(askedOn, runningOn, engineStatus, null);
        }
    }

    /** Facts without the HA agents' view. */
    public RestoreFacts(DeployHost host, String managerAnswer, String newEngineFqdn, Resolver dns) {
        this(host, managerAnswer, null, newEngineFqdn, dns);
    }
}

package org.heshell.restore;

/**
 * The live facts a plan is checked against: the deploying host, whether a Manager answers at the engine FQDN
 * ({@code managerAnswer}: what answered, null when nothing did), the FQDN the new Manager will have, and the
 * resolver (the system's, or the lab's DNS table).
 */
public record RestoreFacts(DeployHost host, String managerAnswer, String newEngineFqdn, Resolver dns) {
}

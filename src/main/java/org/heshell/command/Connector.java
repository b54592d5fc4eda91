package org.heshell.command;

import java.nio.file.Path;
import org.heshell.engine.EngineSession;

/** How `connect` reaches a Manager: the lab, or a real engine with credentials from a safe source. */
public interface Connector {
    /** A real Manager; the password comes from the environment, a file or a masked prompt, never an argument. */
    EngineSession engine(String url, String user, Path caFile, boolean insecure, Path passwordFile);

    /**
     * An engine of ~/.heshell/engines, by its own settings: a real Manager with its password file, or the lab in
     * its lab dir (started when it is not running). Each call logs in afresh.
     */
    EngineSession open(EngineProfile engine);

    /** The lab this shell was started with. */
    EngineSession lab();

    /** The lab's faults, after replacing them with {@code set} when it is not null. */
    LabFaultSettings labFaults(LabFaultSettings set);

    /** The lab's site (machines, DNS, the engine's state), after replacing it with {@code set} when not null. */
    LabSiteSettings labSite(LabSiteSettings set);

    /** The lab back to its first picture, keeping nothing (hosts, VMs, machines' files, DNS, faults). */
    void labReset();

    /** The process serving the lab, or that none does; asking never starts one. */
    org.heshell.lab.LabProcessStatus labStatus();

    /** Stops the process serving the lab (its state is kept) and waits for it; what it was, or that none ran. */
    org.heshell.lab.LabProcessStatus labStop();

    /** Name resolution as the environment's machines see it: the lab's DNS table, or the system's resolver. */
    org.heshell.restore.Resolver resolver();

    /**
     * How many times faster than real time the environment's clock runs: the lab's speed (its migrations,
     * installations and agents take that much less time, and waits for them are scaled alike); 1 for a real one.
     */
    default double clockSpeed() {
        return 1;
    }

    /** An SSH session to a machine by its FQDN (the engine VM, a host), host key checked strictly. */
    org.heshell.remote.SshSession ssh(String fqdn);
}

package org.heshell.restore;

import java.util.Optional;
import org.heshell.engine.EngineSession;
import org.heshell.engine.Progress;
import org.heshell.model.Environment;
import org.heshell.remote.SshSession;

/** What a restore acts on: machines over SSH and the Manager through the SDK (lab or real alike). */
public interface RestoreWorld {
    SshSession ssh(String fqdn);

    /** The Manager's environment now, or empty when no Manager answers. */
    Optional<Environment> manager();

    /** The Manager's session; only once {@link #manager()} answered. */
    EngineSession engine();

    Progress progress();

    /** The private key that decrypts an encrypted backup, as the run was given it; null when none was. */
    default org.heshell.backup.Identity identity() {
        return null;
    }

    /** How many times faster than real time the environment's clock runs: the lab's speed; 1 for a real one. */
    default double clockSpeed() {
        return 1;
    }
}

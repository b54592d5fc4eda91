package org.heshell.remote;

import java.security.PublicKey;
import java.util.List;
import java.util.function.BiPredicate;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;

/**
 * Strict host key checking for one machine, by its name: a known key passes; a changed key is refused; an unknown
 * one is accepted only when asked for (--accept-new-host-key) or confirmed on a terminal. sshj sees only yes or no,
 * so the reason for a no is kept for the error the user sees.
 */
final class HostKeyPolicy implements HostKeyVerifier {
    private final String name;
    private final KnownHosts known;
    private final boolean acceptNew;
    private final BiPredicate<String, String> ask;
    private volatile String refusal;

    /** {@code ask}: shows (name, fingerprint) on a terminal and returns the answer; null when there is none. */
    HostKeyPolicy(String name, KnownHosts known, boolean acceptNew, BiPredicate<String, String> ask) {
        this.name = name;
        this.known = known;
        this.acceptNew = acceptNew;
        this.ask = ask;
    }

    String refusal() {
        return refusal;
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        KnownHosts.Check c = known.check(name, key);
        String fp = KnownHosts.fingerprint(key);
        switch (c.verdict()) {
            case KNOWN:
                return true;
            case CHANGED:
                refusal = "the host key of " + name + " has CHANGED (now " + fp + "; " + c.file() + " holds another)."
                        + " A redeployed engine VM or a reinstalled host with the same FQDN gets a new key; if that is"
                        + " what happened, forget the old one with: ssh-keygen -R " + name + " -f " + c.file();
                return false;
            default:
                if (acceptNew || (ask != null && ask.test(name, fp))) {
                    known.remember(name, key);
                    return true;
                }
                refusal = "the host key of " + name + " is not known (" + fp + "). Check that fingerprint on the"
                        + " machine (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub), then run again with"
                        + " --accept-new-host-key" + (ask == null ? "" : " or answer yes");
                return false;
        }
    }

    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        return List.of();
    }
}

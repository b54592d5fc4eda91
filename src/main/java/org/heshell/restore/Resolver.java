package org.heshell.restore;

import java.util.List;
import java.util.Optional;

/** Name resolution as the procedure needs it: forward (FQDN → addresses) and reverse (address → FQDN). */
public interface Resolver {
    List<String> forward(String name);

    Optional<String> reverse(String ip);

    /**
     * Why {@code name} does not resolve both ways (FQDN → IP → the same FQDN), or empty when it does. This is the
     * check hosted-engine deployment and engine-setup make.
     */
    default Optional<String> problem(String name) {
        List<String> ips = forward(name);
        if (ips.isEmpty()) {
            return Optional.of(name + " does not resolve (no A record)");
        }
        for (String ip : ips) {
            Optional<String> back = reverse(ip);
            if (back.isEmpty()) {
                return Optional.of(name + " resolves to " + ip + ", but " + ip + " has no reverse (PTR) record");
            }
            if (!back.get().equalsIgnoreCase(name)) {
                return Optional.of(name + " resolves to " + ip + ", which resolves back to " + back.get());
            }
        }
        return Optional.empty();
    }
}

package org.heshell.restore;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The system's resolver (DNS, /etc/hosts), as the hosts and the engine will use it. */
public final class SystemResolver implements Resolver {
    @Override
    public List<String> forward(String name) {
        try {
            return Arrays.stream(InetAddress.getAllByName(name)).map(InetAddress::getHostAddress).distinct().toList();
        } catch (UnknownHostException e) {
            return List.of();
        }
    }

    @Override
    public Optional<String> reverse(String ip) {
        try {
            String name = InetAddress.getByName(ip).getCanonicalHostName();
            // Java answers with the address itself when there is no PTR record.
            return name.equals(ip) ? Optional.empty() : Optional.of(name);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}

package org.heshell.remote;

import java.nio.file.Path;

/**
 * A machine to reach: {@code name} is what it is called and what its host key is recorded under (its FQDN);
 * {@code host} and {@code port} are where to connect, which differ from the name for the lab's loopback machines.
 */
public record SshTarget(String name, String host, int port, String user, Path identity) {
}

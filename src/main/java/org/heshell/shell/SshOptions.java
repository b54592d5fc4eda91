package org.heshell.shell;

import java.nio.file.Path;
import java.util.function.BiPredicate;

/**
 * How the shell reaches machines over SSH: its own known_hosts, the key to use (null: ~/.ssh's), whether an unknown
 * host key may be accepted, and how to ask about one on a terminal (null when there is none).
 */
record SshOptions(Path knownHosts, Path identity, String user, boolean acceptNewHostKey,
                  BiPredicate<String, String> ask) {
}

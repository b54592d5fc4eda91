package org.heshell.command;

import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.heshell.model.Cluster;
import org.heshell.model.Environment;
import org.heshell.model.Host;
import org.heshell.model.HostNetworks;

/**
 * Completion for `host attach-network HOST NETWORK NIC`: the networks of HOST's cluster, those HOST lacks first, and
 * HOST's NICs, asked of the Manager on TAB through the open session (never logging in for a TAB); nothing when HOST
 * is not a host the shell has seen or the Manager does not answer.
 */
abstract class HostNetworkNames implements Iterable<String>, AfterArguments {
    private final CommandContext ctx;

    HostNetworkNames(CommandContext ctx) {
        this.ctx = ctx;
    }

    abstract List<String> of(HostNetworks networks);

    @Override
    public Iterator<String> iterator() {
        return Collections.emptyIterator(); // without the host, no network or NIC to offer
    }

    @Override
    public List<String> after(List<String> arguments) {
        if (arguments.isEmpty() || !ctx.connected()) {
            return List.of();
        }
        Optional<Environment> env = ctx.lastKnown();
        Optional<Host> host = env.flatMap(e -> e.findHost(arguments.get(0)));
        if (host.isEmpty()) {
            return List.of();
        }
        Optional<String> cluster = env.get().clusterOf(host.get()).map(Cluster::id);
        if (cluster.isEmpty()) {
            return List.of();
        }
        try {
            return of(ctx.engine().hostNetworks(host.get(), cluster.get()));
        } catch (RuntimeException e) {
            return List.of(); // the Manager does not answer: a TAB offers nothing rather than an error
        }
    }

    /** NETWORK: the cluster's logical networks, the ones the host lacks first. */
    public static final class Networks extends HostNetworkNames {
        public Networks(CommandContext ctx) {
            super(ctx);
        }

        @Override
        List<String> of(HostNetworks networks) {
            return networks.lackingFirst();
        }
    }

    /** NIC: the host's network interfaces. */
    public static final class Nics extends HostNetworkNames {
        public Nics(CommandContext ctx) {
            super(ctx);
        }

        @Override
        List<String> of(HostNetworks networks) {
            return networks.nics();
        }
    }
}

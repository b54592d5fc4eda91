package org.heshell.command;

import java.util.Iterator;

/** Completion candidates: the host names of the environment as last read (never a network call). */
public final class HostNames implements Iterable<String> {
    private final CommandContext ctx;

    public HostNames(CommandContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Iterator<String> iterator() {
        return ctx.lastKnown().map(env -> env.hosts().stream().map(h -> h.name()).iterator())
                .orElse(java.util.Collections.emptyIterator());
    }
}

package org.heshell.command;

import java.util.Iterator;

/** Completion candidates: the VM names of the environment as last read. */
public final class VmNames implements Iterable<String> {
    private final CommandContext ctx;

    public VmNames(CommandContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Iterator<String> iterator() {
        return ctx.lastKnown().map(env -> env.vms().stream().map(v -> v.name()).iterator())
                .orElse(java.util.Collections.emptyIterator());
    }
}

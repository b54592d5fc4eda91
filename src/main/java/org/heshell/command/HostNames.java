package org.heshell.command;

import org.heshell.model.Host;

/** Completion candidates: the hosts' names. */
public final class HostNames extends ModelNames {
    public HostNames(CommandContext ctx) {
        super(ctx, env -> env.hosts().stream().map(Host::name));
    }
}

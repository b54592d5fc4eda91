package org.heshell.command;

import org.heshell.model.Vm;

/** Completion candidates: the VMs' names. */
public final class VmNames extends ModelNames {
    public VmNames(CommandContext ctx) {
        super(ctx, env -> env.vms().stream().map(Vm::name));
    }
}

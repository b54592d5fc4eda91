package org.heshell.command;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Completion candidates for `lab os`: the lab's machines by FQDN, and the appliance. */
public final class LabMachineNames implements Iterable<String> {
    private final CommandContext ctx;

    public LabMachineNames(CommandContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Iterator<String> iterator() {
        List<String> names = new ArrayList<>(LabSites.machines(ctx));
        names.add("appliance");
        return names.iterator();
    }
}

package org.heshell.command;

import java.util.Iterator;
import java.util.stream.Stream;
import org.heshell.backup.Catalog;
import org.heshell.backup.CatalogEntry;

/**
 * Completion candidates for the host to deploy a restore on: the hosts as last read and those of the backups in
 * the catalog, by name and FQDN, so that TAB helps when the Manager is gone and nothing can be read from it; in
 * the lab also its spare machine.
 */
public final class DeployHostNames implements Iterable<String> {
    private final CommandContext ctx;
    private final Catalog catalog;

    public DeployHostNames(CommandContext ctx, Catalog catalog) {
        this.ctx = ctx;
        this.catalog = catalog;
    }

    @Override
    public Iterator<String> iterator() {
        Stream<String> live = ctx.lastKnown().stream().flatMap(env -> env.hosts().stream())
                .flatMap(h -> Stream.of(h.name(), h.address()));
        Stream<String> backups = catalog.list().stream().map(CatalogEntry::hosts).flatMap(java.util.List::stream);
        // the lab's spare machine: a new host to deploy on, as the procedure allows
        java.util.Set<String> engines = Stream.concat(ctx.lastKnown().stream().map(e -> e.engineFqdn()),
                catalog.list().stream().map(CatalogEntry::engineFqdn)).collect(java.util.stream.Collectors.toSet());
        Stream<String> spare = LabSites.machines(ctx).stream().filter(m -> !engines.contains(m));
        return Stream.of(live, backups, spare).flatMap(s -> s).distinct().iterator();
    }
}

package org.heshell.command;

import java.util.Iterator;
import org.heshell.backup.Catalog;
import org.heshell.backup.CatalogEntry;

/** Completion candidates: the ids of the backups in the catalog (and files: a backup is either). */
public final class BackupIds implements Iterable<String>, WithFiles {
    private final Catalog catalog;

    public BackupIds(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Iterator<String> iterator() {
        return catalog.list().stream().map(CatalogEntry::id).iterator();
    }
}

package org.heshell.command;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;
import org.heshell.backup.Catalog;
import org.heshell.restore.RestoreJournal;

/** Completion candidates for `--skip`: the step ids of the newest restores' plans. */
public final class StepIds implements Iterable<String> {
    private static final int NEWEST = 3;
    private final Catalog catalog;

    public StepIds(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Iterator<String> iterator() {
        Path root = RestoreCommand.journals(catalog);
        Set<String> ids = new LinkedHashSet<>();
        for (String id : RestoreJournal.ids(root).stream().limit(NEWEST).toList()) {
            try {
                RestoreJournal.open(root, id).content().steps().forEach(s -> ids.add(s.id()));
            } catch (RuntimeException e) {
                // a damaged journal offers nothing; `restore status` says what is wrong with it
            }
        }
        return ids.iterator();
    }
}

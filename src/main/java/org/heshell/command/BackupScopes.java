package org.heshell.command;

import java.util.Iterator;
import java.util.List;

/** Completion candidates: engine-backup's scopes. */
public final class BackupScopes implements Iterable<String> {
    static final List<String> SCOPES = List.of("all", "db", "files");

    @Override
    public Iterator<String> iterator() {
        return SCOPES.iterator();
    }
}

package org.heshell.backup;

import java.util.HashSet;
import java.util.Set;

/**
 * The paths one tar archive holds, for the rule that a file may appear only once: GNU tar extracts entries in
 * order, so of a file given twice (or a file and a directory of one name) only the last survives, and which one
 * the backup meant cannot be told. A directory may repeat; tar merges those.
 */
final class TarNames {
    private final String archive;
    private final Set<String> files = new HashSet<>();
    private final Set<String> directories = new HashSet<>();

    TarNames(String archive) {
        this.archive = archive;
    }

    /** Records {@code path}; refuses it when a file of that name came before, or a directory clashes with a file. */
    void add(String path, boolean directory) {
        if (directory ? files.contains(path) : directories.contains(path) || !files.add(path)) {
            throw new BackupFormatException(archive + ": ./" + path + " appears twice in the archive; tar would"
                    + " restore only the last one, so which is meant cannot be told and the archive is refused");
        }
        if (directory) {
            directories.add(path);
        }
    }
}

package org.heshell.command;

import java.util.Collections;
import java.util.Iterator;

/**
 * Completion for an option whose value is a file and nothing else, for declarations that keep no Java type (a
 * Groovy command's, cached as text): TAB offers the paths typed so far.
 */
public final class FileNames implements Iterable<String>, WithFiles {
    @Override
    public Iterator<String> iterator() {
        return Collections.emptyIterator();
    }
}

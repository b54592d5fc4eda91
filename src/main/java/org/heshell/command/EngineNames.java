package org.heshell.command;

import java.util.Collections;
import java.util.Iterator;

/** Completion candidates: the engines of ~/.heshell/engines (none while the file does not parse: TAB never fails). */
public final class EngineNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        try {
            return EngineConfig.load().names().iterator();
        } catch (CommandException e) {
            return Collections.emptyIterator();
        }
    }
}

package org.heshell.command;

import java.util.Collections;
import java.util.Iterator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.heshell.model.Environment;

/** Completion candidates read from the environment as last read, so a TAB never waits on the network. */
abstract class ModelNames implements Iterable<String> {
    private final CommandContext ctx;
    private final Function<Environment, Stream<String>> names;

    ModelNames(CommandContext ctx, Function<Environment, Stream<String>> names) {
        this.ctx = ctx;
        this.names = names;
    }

    @Override
    public Iterator<String> iterator() {
        return ctx.lastKnown().map(env -> names.apply(env).iterator()).orElse(Collections.emptyIterator());
    }
}

package org.heshell.script;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import org.heshell.command.Result;
import org.heshell.render.TextRenderer;

/**
 * A script's {@code out}, which Groovy's {@code println} and {@code print} write to: a command's result prints as
 * the shell prints it (a table, the map, a summary line), not as a record's fields.
 */
final class ScriptOut extends PrintWriter {
    private final TextRenderer text = new TextRenderer(false, 100);

    ScriptOut() {
        super(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
    }

    @Override
    public void println(Object x) {
        super.println(x instanceof Result r ? text.render(r) : x);
    }

    @Override
    public void print(Object x) {
        super.print(x instanceof Result r ? text.render(r) : x);
        flush(); // the script's output shows as it goes, line or not
    }
}

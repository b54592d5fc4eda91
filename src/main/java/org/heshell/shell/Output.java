package org.heshell.shell;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.heshell.command.CommandException;
import org.heshell.command.Result;
import org.heshell.render.Inert;
import org.heshell.render.JsonRenderer;
import org.heshell.render.TextRenderer;

/** Prints results and errors: text or JSON on stdout, one line per error on stderr, stack traces only with --debug. */
final class Output {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final boolean debug;
    private final boolean colour;
    private final boolean errColour;
    private TextRenderer text;
    private JsonRenderer jsonRenderer;
    private StreamProgress progress;

    /** {@code colour} for results on {@code out}, {@code errColour} for errors on {@code err}: each its own stream. */
    Output(PrintWriter out, PrintWriter err, boolean json, boolean debug, boolean colour, boolean errColour,
           int width) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.debug = debug;
        this.colour = colour;
        this.errColour = errColour;
        this.text = new TextRenderer(colour, width);
    }

    /** A passing status line to clear before anything else is printed. */
    void clearing(StreamProgress statusLine) {
        this.progress = statusLine;
    }

    private void clearStatus() {
        if (progress != null) {
            progress.clear();
        }
    }

    void width(int width) {
        text = new TextRenderer(colour, width);
    }

    /** {@code asJson}: this command asked for JSON (`hosts --json`) whatever the shell's default. */
    void print(Result result, boolean asJson) {
        String s;
        if (json || asJson) {
            s = json().render(result);
        } else {
            s = text.render(result);
        }
        clearStatus();
        if (!s.isEmpty()) {
            out.println(s);
            out.flush();
        }
    }

    private JsonRenderer json() {
        if (jsonRenderer == null) {
            jsonRenderer = new JsonRenderer();
        }
        return jsonRenderer;
    }

    /** One line on stderr; with --json also the failure as its line of the JSON stream on stdout. */
    void error(CommandException e) {
        clearStatus();
        if (json) {
            out.println(json().error(Inert.cut(String.valueOf(e.getMessage())), e.exitCode()));
            out.flush();
        }
        // An error quotes what was typed or read: one line, no terminal escapes, no pasted file in full.
        String line = "heshell: " + Inert.cut(Inert.line(String.valueOf(e.getMessage())));
        err.println(errColour ? "\033[31m" + line + "\033[0m" : line);
        if (debug && e.getCause() != null) {
            StringWriter trace = new StringWriter();
            e.getCause().printStackTrace(new PrintWriter(trace));
            err.print(trace);
        }
        err.flush();
    }
}

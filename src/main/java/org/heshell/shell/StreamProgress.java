package org.heshell.shell;

import java.io.PrintWriter;
import org.heshell.engine.Progress;

/**
 * Progress on a stream (stderr, so stdout stays clean for JSON): steps as lines; passing statuses redrawn in place
 * only when the stream is a terminal.
 */
final class StreamProgress implements Progress {
    private final PrintWriter out;
    private final boolean redraw;
    private boolean statusShown;

    StreamProgress(PrintWriter out, boolean redraw) {
        this.out = out;
        this.redraw = redraw;
    }

    @Override
    public synchronized void status(String line) {
        if (redraw) {
            out.print("\r" + line + "\033[K");
            out.flush();
            statusShown = true;
        }
    }

    @Override
    public synchronized void step(String line) {
        clear();
        out.println(line);
        out.flush();
    }

    synchronized void clear() {
        if (statusShown) {
            out.print("\r\033[K");
            out.flush();
            statusShown = false;
        }
    }
}

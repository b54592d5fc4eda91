package org.heshell.engine;

/** Where long operations report how they go; the shell draws it, a script or a test may collect it. */
public interface Progress {
    /** A passing status, replaced by the next one (e.g. a line redrawn in place on a terminal). */
    void status(String line);

    /** Something that happened and stays in the output. */
    void step(String line);

    Progress NONE = new Progress() {
        @Override
        public void status(String line) {
        }

        @Override
        public void step(String line) {
        }
    };
}

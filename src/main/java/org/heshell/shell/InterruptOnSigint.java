package org.heshell.shell;

import sun.misc.Signal;

/**
 * Ctrl-C without a terminal library (one-shot runs): the first interrupts the running command, which stops its
 * wait and reports where things stand; a second one ends the process.
 */
final class InterruptOnSigint {
    private InterruptOnSigint() {
    }

    static void install(Thread target) {
        try {
            boolean[] once = {false};
            Signal.handle(new Signal("INT"), s -> {
                if (once[0]) {
                    Runtime.getRuntime().halt(Session.INTERRUPTED);
                }
                once[0] = true;
                target.interrupt();
            });
        } catch (IllegalArgumentException | UnsupportedOperationException e) {
            // no SIGINT here (e.g. started with it ignored): Ctrl-C keeps its default meaning
        }
    }
}

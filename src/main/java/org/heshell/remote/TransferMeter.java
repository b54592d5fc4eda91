package org.heshell.remote;

import org.heshell.engine.Progress;

/** A transfer's progress line, "LABEL: N of M MiB", every 8 MiB and at the end, so long copies never look stuck. */
final class TransferMeter {
    private static final long EVERY = 8 << 20;

    private final Progress progress;
    private final String label;
    private final long size;
    private long reported;

    TransferMeter(Progress progress, String label, long size) {
        this.progress = progress;
        this.label = label;
        this.size = size;
    }

    /** {@code done} bytes of {@code size} have moved. */
    void moved(long done) {
        if (done - reported >= EVERY || done == size) {
            reported = done;
            progress.status(String.format("%s: %d of %d MiB", label, done >> 20, size >> 20));
        }
    }
}

package org.heshell.model;

import java.util.Locale;

/**
 * A number of bytes as people read it, one way everywhere heshell shows one (a backup's size, free space, a
 * fetch): whole KiB below a MiB, MiB with one decimal below 10 MiB and whole below a GiB, then GiB with one
 * decimal, as {@code ls -h} rounds. Locale-independent, so that scripts and logs read the same everywhere.
 */
public final class ByteSize {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    private ByteSize() {
    }

    public static String text(long bytes) {
        if (bytes < MIB) {
            return (bytes + 1023) / 1024 + " KiB";
        }
        if (bytes < 10 * MIB) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) MIB);
        }
        if (bytes < GIB) {
            return bytes / MIB + " MiB";
        }
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) GIB);
    }
}

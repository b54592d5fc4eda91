package org.heshell.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 lines of a stream, each read in bounded memory: a line is kept only up to the length the caller needs and
 * the rest of it passed over, so that a line of hundreds of MiB costs time, never memory.
 */
final class Lines {
    private final InputStream in;
    private final byte[] buf = new byte[65536];
    private int pos;
    private int end;
    private long number;
    private boolean cut;
    private byte[] line = new byte[256];

    Lines(InputStream in) {
        this.in = in;
    }

    /** The first {@code keep} bytes of the next line, without its newline; null at the end of the stream. */
    String next(int keep) throws IOException {
        int len = 0;
        long total = 0;
        boolean any = false;
        while (true) {
            if (pos == end) {
                end = in.read(buf, 0, buf.length);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    if (!any) {
                        return null;
                    }
                    break;
                }
            }
            any = true;
            int start = pos;
            int nl = -1;
            for (int i = pos; i < end; i++) {
                if (buf[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            int stop = nl < 0 ? end : nl;
            int take = (int) Math.min(stop - start, Math.max(0, keep - total));
            if (take > 0) {
                if (len + take > line.length) {
                    line = java.util.Arrays.copyOf(line, Math.max(len + take, Math.min(line.length * 2, keep)));
                }
                System.arraycopy(buf, start, line, len, take);
                len += take;
            }
            total += stop - start;
            pos = nl < 0 ? end : nl + 1;
            if (nl >= 0) {
                break;
            }
        }
        number++;
        cut = total > keep;
        return new String(line, 0, len, StandardCharsets.UTF_8);
    }

    /** Whether the line last returned was longer than asked for, so that only its beginning was kept. */
    boolean cut() {
        return cut;
    }

    /** The number of the line last returned, from 1. */
    long number() {
        return number;
    }
}

package org.heshell.shell;

import java.time.Instant;
import java.util.regex.Pattern;
import org.jline.reader.impl.history.DefaultHistory;

/** History that never keeps a line which looks like it carries a secret, should one ever be typed. */
final class ShellHistory extends DefaultHistory {
    static final Pattern SECRET = Pattern.compile(
            "(?i)(--password(?!-file)|passwd|secret|token|HESHELL_PASSWORD)");

    @Override
    public void add(Instant time, String line) {
        if (!SECRET.matcher(line).find()) {
            super.add(time, line);
        }
    }
}

package org.heshell.backup;

import java.util.ArrayList;
import java.util.List;

/** Identifiers as pg_dump writes them in COPY statements: comma-separated, quoted only when they must be. */
final class SqlNames {
    private SqlNames() {
    }

    static List<String> columns(String list) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < list.length(); i++) {
            char c = list.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < list.length() && list.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cur.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }

    /** "schema.table" or "table", unquoted, from a COPY statement's target. */
    static String[] qualified(String target) {
        List<String> parts = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < target.length() && target.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                }
            } else if (c == '.' && !quoted) {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        return parts.size() == 1 ? new String[] {"public", parts.get(0)}
                : new String[] {parts.get(parts.size() - 2), parts.get(parts.size() - 1)};
    }
}

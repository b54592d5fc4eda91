package org.heshell.backup;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Streams a plain SQL dump (engine-backup --db-dump-format=plain) for the COPY blocks of the tables wanted. The
 * {@code \restrict} line of PostgreSQL 15.14+ dumps and everything outside COPY blocks is passed over.
 */
final class PlainDumpReader {
    private static final Pattern COPY = Pattern.compile("COPY\\s+(\\S+)\\s*\\((.*)\\)\\s+FROM\\s+stdin;\\s*");
    private static final Pattern VERSION = Pattern.compile("-- Dumped (from database|by pg_dump) version (.*)");

    private PlainDumpReader() {
    }

    static DumpInfo read(InputStream stream, String what, TableRows tables) throws IOException {
        Lines lines = new Lines(stream);
        String server = null;
        String dumper = null;
        boolean sawSql = false;
        // Only the beginning of a line is kept unless it is one heshell reads: a huge line costs no memory.
        for (String line = lines.next(ArchiveLimits.MAX_LINE); line != null;
                line = lines.next(ArchiveLimits.MAX_LINE)) {
            if (lines.cut() && line.startsWith("COPY ")) {
                throw ArchiveLimits.exceeded(what + " line " + lines.number(), "a COPY statement longer than "
                        + ArchiveLimits.MAX_LINE + " bytes", ArchiveLimits.MAX_LINE + " bytes per line");
            }
            Matcher v = VERSION.matcher(line);
            if (!lines.cut() && v.matches()) {
                if (v.group(1).startsWith("from")) {
                    server = v.group(2);
                } else {
                    dumper = v.group(2);
                }
                continue;
            }
            if (line.startsWith("--") || line.startsWith("SET ") || line.startsWith("CREATE ")) {
                sawSql = true;
            }
            if (!line.startsWith("COPY ")) {
                continue;
            }
            Matcher m = COPY.matcher(line);
            if (!m.matches()) {
                continue;
            }
            sawSql = true;
            String[] name = SqlNames.qualified(m.group(1));
            List<String> columns = SqlNames.columns(m.group(2));
            TableRows.RowSink sink = tables.open(name[0], name[1], columns);
            long start = lines.number();
            boolean ended = false;
            // Rows of tables heshell does not read are passed over keeping two bytes, enough to see the end mark.
            int keep = sink == null ? 2 : ArchiveLimits.MAX_LINE;
            for (line = lines.next(keep); line != null; line = lines.next(keep)) {
                if (line.equals("\\.") && !lines.cut()) {
                    ended = true;
                    break;
                }
                if (sink != null) {
                    if (lines.cut()) {
                        throw ArchiveLimits.exceeded(what + " line " + lines.number(), "a row of " + name[1]
                                + " longer than " + ArchiveLimits.MAX_LINE + " bytes", ArchiveLimits.MAX_LINE
                                + " bytes per row of a table heshell reads");
                    }
                    try {
                        sink.row(CopyText.decode(line, columns.size()));
                    } catch (IllegalArgumentException bad) {
                        throw new BackupFormatException(what + " line " + lines.number() + ": a row of " + name[1]
                                + " is malformed: " + bad.getMessage());
                    }
                }
            }
            if (!ended) {
                throw new BackupFormatException(what + " line " + lines.number() + ": the COPY block of " + name[1]
                        + " begun at line " + start + " never ends; the file is truncated");
            }
        }
        if (!sawSql) {
            throw new BackupFormatException(what + ": neither a custom-format nor a plain SQL pg_dump");
        }
        return new DumpInfo("plain", null, "none", null, server, dumper);
    }
}

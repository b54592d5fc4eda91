package org.heshell.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
        BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8), 65536);
        String server = null;
        String dumper = null;
        long lineNo = 0;
        boolean sawSql = false;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            lineNo++;
            Matcher v = VERSION.matcher(line);
            if (v.matches()) {
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
            long start = lineNo;
            boolean ended = false;
            for (line = lines.readLine(); line != null; line = lines.readLine()) {
                lineNo++;
                if (line.equals("\\.")) {
                    ended = true;
                    break;
                }
                if (sink != null) {
                    try {
                        sink.row(CopyText.decode(line, columns.size()));
                    } catch (IllegalArgumentException bad) {
                        throw new BackupFormatException(what + " line " + lineNo + ": a row of " + name[1]
                                + " is malformed: " + bad.getMessage());
                    }
                }
            }
            if (!ended) {
                throw new BackupFormatException(what + " line " + lineNo + ": the COPY block of " + name[1]
                        + " begun at line " + start + " never ends; the file is truncated");
            }
        }
        if (!sawSql) {
            throw new BackupFormatException(what + ": neither a custom-format nor a plain SQL pg_dump");
        }
        return new DumpInfo("plain", null, "none", null, server, dumper);
    }
}

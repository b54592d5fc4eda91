package org.heshell.backup;

import java.util.List;

/** A table to dump: its name in schema public, its columns with SQL types, and its rows (null for NULL). */
public record DumpTable(String name, List<Column> columns, Iterable<String[]> rows) {
    public record Column(String name, String type) {
    }

    public DumpTable {
        columns = List.copyOf(columns);
    }
}

package org.heshell.backup;

import java.util.List;

/** Receives the tables of a dump as they stream past; a table nobody wants is skipped without decoding. */
public interface TableRows {
    /** A sink for this table's rows (values in {@code columns} order, null for SQL NULL), or null to skip it. */
    RowSink open(String schema, String table, List<String> columns);

    /** Whether this table's rows may be wanted, asked before its columns are known, so others are not kept. */
    default boolean wants(String schema, String table) {
        return true;
    }

    /** One table's rows. */
    interface RowSink {
        void row(String[] values);
    }
}

package org.heshell.backup;

/** What a dump says of itself: its format, archive version, compression and the PostgreSQL that wrote it. */
public record DumpInfo(String format, String archiveVersion, String compression, String database,
                       String serverVersion, String dumpVersion) {
}

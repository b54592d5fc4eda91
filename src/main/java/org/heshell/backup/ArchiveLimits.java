package org.heshell.backup;

/**
 * The bounds within which every archive is judged, so that a small hostile file cannot exhaust memory or run for
 * minutes. Each is far above what a real engine writes (a 10,000-VM engine fits at -Xmx64m); docs/archive-limits.md
 * says why each value. Going past one is a one-line refusal that names it.
 */
final class ArchiveLimits {
    /** Decompressed bytes allowed before the expansion ratio is checked: any honest layer passes through this. */
    static final long EXPANSION_FLOOR = 64L << 20;
    /** Decompressed bytes per compressed byte: dumps and config compress 3-20 times, bombs thousands of times. */
    static final long MAX_EXPANSION = 1000;
    /** Headers (entries, long names, PAX) in the outer tar: engine-backup writes about a dozen. */
    static final int OUTER_TAR_HEADERS = 1000;
    /** Headers in the inner ./files tar: /etc/ovirt-engine and /etc/pki/ovirt-engine hold hundreds of files. */
    static final int INNER_TAR_HEADERS = 100_000;
    /** A tar entry's path, from a GNU long name, PAX or the header: Linux's PATH_MAX. */
    static final int MAX_PATH = 4096;
    /** A GNU long name or PAX extended header: a path and a few attributes (xattrs, ACLs) fit many times over. */
    static final int MAX_TAR_EXTENSION = 1 << 20;
    /** A metadata entry (version, config, sha256sum...): a few lines each. */
    static final int MAX_METADATA = 1 << 20;
    /** A line of a plain dump that heshell reads (a COPY statement or a row of a table it needs). */
    static final int MAX_LINE = 4 << 20;
    /** Entries in a custom dump's table of contents: the engine's database has about 20,000. */
    static final int MAX_TOC_ENTRIES = 500_000;
    /**
     * A TOC string heshell keeps (a table's name, schema, COPY statement: a 1,600-column table's is 100 KiB);
     * the others (function bodies, definitions) are passed over whatever their size.
     */
    static final int MAX_TOC_STRING = 256 << 10;
    /** TOC entries with data (tables, large objects): the engine has a few hundred tables. */
    static final int MAX_DATA_ENTRIES = 50_000;
    /** Table data entries of the tables heshell reads: one per table in a real dump. */
    static final int MAX_TABLE_DATA = 64;
    /** Hosts in the engine database: oVirt supports a few hundred per engine. */
    static final int MAX_HOSTS = 2_500;
    /** VMs in the engine database: oVirt engines run up to about 10,000. */
    static final int MAX_VMS = 25_000;
    /** Network interfaces with an address, over all hosts. */
    static final int MAX_INTERFACES = 100_000;
    /** Clusters. */
    static final int MAX_CLUSTERS = 2_500;

    private ArchiveLimits() {
    }

    /** A refusal that names the limit passed: {@code what} says what was found, {@code limit} the bound. */
    static BackupFormatException exceeded(String where, String what, String limit) {
        return new BackupFormatException(where + ": " + what + ", past heshell's limit of " + limit
                + " (docs/archive-limits.md); no engine-backup archive comes near it, so this one is refused");
    }
}

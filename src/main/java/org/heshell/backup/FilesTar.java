package org.heshell.backup;

import java.io.IOException;
import java.io.InputStream;

/** The inner archive of configuration files (./files, tar.xz by default): what a restore needs of it. */
final class FilesTar {
    private static final int MAX_LINE = 4096;

    private FilesTar() {
    }

    /**
     * What ./files holds. The inner tar is read to its end as strictly as the outer one (engine-backup's restore
     * extracts it with GNU tar too): no file twice, no links or devices, nothing outside the tree.
     */
    static FilesPart read(InputStream in, String what) throws IOException {
        Compression.Opened opened = Compression.open(in, what);
        try {
            return read(new TarReader(opened, what, ArchiveLimits.INNER_TAR_HEADERS), what);
        } catch (BackupFormatException e) {
            throw opened.cause(e);
        }
    }

    private static FilesPart read(TarReader tar, String what) throws IOException {
        TarNames names = new TarNames(what);
        int files = 0;
        String fqdn = null;
        boolean caCertificate = false;
        boolean caKey = false;
        boolean database = false;
        for (TarReader.Entry e = tar.next(); e != null; e = tar.next()) {
            String path = BackupArchive.entryPath(what, e.name());
            boolean directory = e.kind() == TarReader.Kind.DIRECTORY;
            names.add(path, directory);
            // engine-backup copies /etc with cp -a, so a link there (apache-ca.pem to ca.pem) is kept as one
            if (directory || e.kind() == TarReader.Kind.LINK_OR_DEVICE) {
                continue;
            }
            files++;
            switch (path) {
                case FilesPart.PROTOCOLS_CONF -> fqdn = value(tar.data(), "ENGINE_FQDN");
                case FilesPart.DATABASE_CONF -> database = value(tar.data(), "ENGINE_DB_PASSWORD") != null;
                case FilesPart.CA_CERTIFICATE -> caCertificate = e.size() > 0;
                case FilesPart.CA_KEY -> caKey = e.size() > 0;
                default -> {
                }
            }
        }
        return new FilesPart(files, fqdn, caCertificate, caKey, database);
    }

    /** The last non-empty value of {@code key} in a shell-style KEY=value file, quotes removed. */
    private static String value(InputStream in, String key) throws IOException {
        String found = null;
        Lines lines = new Lines(in);
        for (String line = lines.next(MAX_LINE); line != null; line = lines.next(MAX_LINE)) {
            if (line.startsWith(key + "=")) {
                String v = line.substring(key.length() + 1).strip().replace("\"", "");
                found = v.isEmpty() ? null : v;
            }
        }
        return found;
    }
}

package org.heshell.backup;

import java.io.IOException;
import java.io.InputStream;

/** The inner archive of configuration files (./files, tar.xz by default): read for the engine's FQDN. */
final class FilesTar {
    private FilesTar() {
    }

    /**
     * ENGINE_FQDN from 10-setup-protocols.conf, or null when the file is not in the archive. The inner tar is read
     * to its end as strictly as the outer one: engine-backup's restore extracts it with GNU tar too.
     */
    static String engineFqdn(InputStream in, String what) throws IOException {
        Compression.Opened opened = Compression.open(in, what);
        try {
            return engineFqdn(new TarReader(opened, what, ArchiveLimits.INNER_TAR_HEADERS), what);
        } catch (BackupFormatException e) {
            throw opened.cause(e);
        }
    }

    private static String engineFqdn(TarReader tar, String what) throws IOException {
        String fqdn = null;
        for (TarReader.Entry e = tar.next(); e != null; e = tar.next()) {
            String path = BackupArchive.entryPath(what, e.name());
            if (e.kind() == TarReader.Kind.FILE && path.equals(BackupArchive.PROTOCOLS_CONF)) {
                Lines lines = new Lines(tar.data());
                for (String line = lines.next(4096); line != null; line = lines.next(4096)) {
                    if (line.startsWith("ENGINE_FQDN=")) {
                        fqdn = line.substring("ENGINE_FQDN=".length()).strip().replace("\"", "");
                    }
                }
            }
        }
        return fqdn;
    }
}

package org.heshell.backup;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** The inner archive of configuration files (./files, tar.xz by default): read for the engine's FQDN. */
final class FilesTar {
    private FilesTar() {
    }

    /** ENGINE_FQDN from 10-setup-protocols.conf, or null when the file is not in the archive. */
    static String engineFqdn(InputStream in, String what) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(Compression.open(in, what));
        String fqdn = null;
        while (true) {
            TarArchiveEntry e;
            try {
                e = tar.getNextEntry();
            } catch (IOException | RuntimeException bad) {
                throw new BackupFormatException(what + ": a damaged inner tar (" + bad.getMessage() + ")", bad);
            }
            if (e == null) {
                return fqdn;
            }
            String path = BackupArchive.entryPath(what, e.getName());
            if (e.isFile() && path.equals(BackupArchive.PROTOCOLS_CONF)) {
                String text = new String(tar.readNBytes(1 << 20), StandardCharsets.UTF_8);
                for (String line : text.split("\n")) {
                    if (line.startsWith("ENGINE_FQDN=")) {
                        fqdn = line.substring("ENGINE_FQDN=".length()).strip().replace("\"", "");
                    }
                }
            }
        }
    }
}

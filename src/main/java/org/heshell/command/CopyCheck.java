package org.heshell.command;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.heshell.backup.BackupCopy;
import org.heshell.backup.CatalogEntry;
import org.heshell.backup.LocalCopy;
import org.heshell.remote.RemoteException;
import org.heshell.remote.SshSession;

/** Reads each recorded copy of a backup on its far side again and says whether it still has the backup's SHA-256. */
final class CopyCheck {
    private CopyCheck() {
    }

    /** The copies of {@code e}, each checked now. */
    static List<BackupCopy> recheck(CatalogEntry e, Connector connector) {
        List<BackupCopy> checked = new ArrayList<>();
        for (BackupCopy c : e.copies()) {
            checked.add(new BackupCopy(c.location(), c.copiedAt(), Instant.now(), matches(c.location(), e.diskSha256(),
                    connector)));
        }
        return checked;
    }

    private static boolean matches(String location, String sha256, Connector connector) {
        if (!location.startsWith("sftp://")) {
            return LocalCopy.matches(Path.of(location), sha256);
        }
        URI uri = URI.create(location);
        try (SshSession ssh = connector.ssh(uri.getHost())) {
            return sha256.equals(ssh.sha256(uri.getPath()));
        } catch (RemoteException | CommandException x) {
            return false; // unreachable or gone: not a copy to count on
        }
    }
}

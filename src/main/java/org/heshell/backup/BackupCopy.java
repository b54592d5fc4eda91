package org.heshell.backup;

import java.time.Instant;

/**
 * A copy of a backup kept elsewhere: a path on a directory or mount, or sftp://HOST/PATH; when it was made and
 * when its SHA-256 was last checked on the far side, and whether it matched then.
 */
public record BackupCopy(String location, Instant copiedAt, Instant checkedAt, boolean matches) {
}

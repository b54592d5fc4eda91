package org.heshell.backup;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A backup in heshell's catalog: its file, where it came from, its outer SHA-256 as fetched, whether it verified,
 * and which host was the failover host when it was taken (null when none was prepared).
 */
public record CatalogEntry(String id, Path file, String engineFqdn, String engineVersion, long size, String sha256,
                           Instant createdAt, String source, String scope, boolean verified, String failoverHost) {
}

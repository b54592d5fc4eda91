package org.heshell.backup;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * A backup in heshell's catalog: its file, where it came from, its outer SHA-256 as fetched, whether it verified,
 * which host was the failover host when it was taken (null when none was prepared), and its hosts' names and
 * FQDNs (so that `--deploy-on` completes when the Manager is gone; empty in records from before they were kept).
 */
public record CatalogEntry(String id, Path file, String engineFqdn, String engineVersion, long size, String sha256,
                           Instant createdAt, String source, String scope, boolean verified, String failoverHost,
                           List<String> hosts) {
    public CatalogEntry {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }
}

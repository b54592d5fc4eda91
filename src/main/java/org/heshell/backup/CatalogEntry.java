package org.heshell.backup;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A backup in heshell's catalog: its file, where it came from, its outer SHA-256 as fetched, whether it verified,
 * which host was the failover host when it was taken (null when none was prepared), its hosts' names and FQDNs
 * (so that `--deploy-on` completes when the Manager is gone; empty in records from before they were kept), and
 * the copies made of it elsewhere (empty when none).
 */
public record CatalogEntry(String id, Path file, String engineFqdn, String engineVersion, long size, String sha256,
                           Instant createdAt, String source, String scope, boolean verified, String failoverHost,
                           List<String> hosts, List<BackupCopy> copies) {
    public CatalogEntry {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        copies = copies == null ? List.of() : List.copyOf(copies);
    }

    /** A record without copies, as every backup starts. */
    public CatalogEntry(String id, Path file, String engineFqdn, String engineVersion, long size, String sha256,
                        Instant createdAt, String source, String scope, boolean verified, String failoverHost,
                        List<String> hosts) {
        this(id, file, engineFqdn, engineVersion, size, sha256, createdAt, source, scope, verified, failoverHost,
                hosts, List.of());
    }

    /** This record marked verified or not, everything else kept. */
    public CatalogEntry withVerified(boolean ok) {
        return new CatalogEntry(id, file, engineFqdn, engineVersion, size, sha256, createdAt, source, scope, ok,
                failoverHost, hosts, copies);
    }

    /** This record with {@code copy} added, replacing an earlier copy at the same place. */
    public CatalogEntry withCopy(BackupCopy copy) {
        List<BackupCopy> all = new ArrayList<>(copies.stream().filter(c -> !c.location().equals(copy.location()))
                .toList());
        all.add(copy);
        return new CatalogEntry(id, file, engineFqdn, engineVersion, size, sha256, createdAt, source, scope, verified,
                failoverHost, hosts, all);
    }
}

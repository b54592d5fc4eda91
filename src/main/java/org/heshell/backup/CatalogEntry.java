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
 * <p>
 * An encrypted backup ({@code encryptedTo}: the fingerprint of the OpenPGP key it was encrypted to, null for a clear
 * one) records two digests: {@code sha256} and {@code size} are the clear archive's, as engine-backup wrote it and
 * the engine's sha256sum printed it (what gpg --decrypt gives back, what a restore needs); {@code fileSha256} is
 * the encrypted file's on disk, which copies and checks without the private key compare against.
 */
public record CatalogEntry(String id, Path file, String engineFqdn, String engineVersion, long size, String sha256,
                           Instant createdAt, String source, String scope, boolean verified, String failoverHost,
                           List<String> hosts, List<BackupCopy> copies, String encryptedTo, String fileSha256) {
    public CatalogEntry {
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        copies = copies == null ? List.of() : List.copyOf(copies);
    }

    /** A record without copies, as every backup starts. */
    public CatalogEntry(String id, Path file, String engineFqdn, String engineVersion, long size, String sha256,
                        Instant createdAt, String source, String scope, boolean verified, String failoverHost,
                        List<String> hosts) {
        this(id, file, engineFqdn, engineVersion, size, sha256, createdAt, source, scope, verified, failoverHost,
                hosts, List.of(), null, null);
    }

    /** Whether the file is an OpenPGP message that only the private key reads. */
    public boolean encrypted() {
        return encryptedTo != null;
    }

    /** The SHA-256 the file on disk (and each copy of it) must have: the encrypted file's, or the archive's. */
    public String diskSha256() {
        return fileSha256 != null ? fileSha256 : sha256;
    }

    /** This record marked verified or not, everything else kept. */
    public CatalogEntry withVerified(boolean ok) {
        return new CatalogEntry(id, file, engineFqdn, engineVersion, size, sha256, createdAt, source, scope, ok,
                failoverHost, hosts, copies, encryptedTo, fileSha256);
    }

    /** This record with {@code copy} added, or in the place of an earlier copy at the same location. */
    public CatalogEntry withCopy(BackupCopy copy) {
        List<BackupCopy> all = new ArrayList<>(copies);
        int at = all.stream().map(BackupCopy::location).toList().indexOf(copy.location());
        if (at >= 0) {
            all.set(at, copy);
        } else {
            all.add(copy);
        }
        return new CatalogEntry(id, file, engineFqdn, engineVersion, size, sha256, createdAt, source, scope, verified,
                failoverHost, hosts, all, encryptedTo, fileSha256);
    }
}

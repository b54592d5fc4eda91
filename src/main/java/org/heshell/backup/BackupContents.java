package org.heshell.backup;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.heshell.model.Environment;
import org.heshell.model.Host;

/**
 * What an engine-backup archive holds: its metadata, the environment at backup time, which entries were checked
 * against the archive's own checksums, and when it was taken ({@code takenAt}: the newest modification time of its
 * files, as engine-backup wrote them; null when the archive does not say), what its configuration files hold
 * ({@code files}; null for a database-only backup), and the fingerprint of the OpenPGP key the file is encrypted to
 * (null when it is a clear archive).
 */
public record BackupContents(Path file, String engineVersion, String osVersion, Map<String, String> config,
                             String engineFqdn, String schemaVersion, DumpInfo dump, Environment environment,
                             List<String> scope, String checksumFile, List<String> verifiedEntries,
                             java.time.Instant takenAt, FilesPart files, String encryptedTo) {
    public BackupContents {
        config = Map.copyOf(config);
        scope = scope.stream().sorted().toList();
        verifiedEntries = List.copyOf(verifiedEntries);
    }

    /** These contents, read from a file encrypted to the key {@code fingerprint}. */
    public BackupContents encryptedTo(String fingerprint) {
        return new BackupContents(file, engineVersion, osVersion, config, engineFqdn, schemaVersion, dump,
                environment, scope, checksumFile, verifiedEntries, takenAt, files, fingerprint);
    }

    /** The failover hosts at backup time (see {@link Environment#failoverHosts()}). */
    public List<Host> failoverHosts() {
        return environment.failoverHosts();
    }

    /** The hosted-engine hosts that carried VMs at backup time. */
    public List<Host> loadedHosts() {
        return environment.loadedHosts();
    }

    /** The engine FQDN the backup's configuration names; empty when it names none (a database-only backup). */
    public java.util.Optional<String> namedEngineFqdn() {
        return java.util.Optional.ofNullable(files).map(FilesPart::engineFqdn);
    }
}

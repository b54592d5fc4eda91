package org.heshell.backup;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.heshell.model.Environment;
import org.heshell.model.Host;

/**
 * What an engine-backup archive holds: its metadata, the environment at backup time and which entries were
 * checked against the archive's own checksums.
 */
public record BackupContents(Path file, String engineVersion, String osVersion, Map<String, String> config,
                             String engineFqdn, String schemaVersion, DumpInfo dump, Environment environment,
                             List<String> scope, String checksumFile, List<String> verifiedEntries) {
    public BackupContents {
        config = Map.copyOf(config);
        scope = scope.stream().sorted().toList();
        verifiedEntries = List.copyOf(verifiedEntries);
    }

    /** Hosted-engine hosts in Maintenance with no VM at backup time: they may deploy the restored engine. */
    public List<Host> failoverHosts() {
        return environment.hosts().stream()
                .filter(h -> h.hostedEngine().configured())
                .filter(h -> h.status() == org.heshell.model.HostStatus.MAINTENANCE)
                .filter(h -> environment.vmsOn(h.id()).isEmpty())
                .toList();
    }

    /** Hosted-engine hosts that carried VMs at backup time: nothing sharing their identifiers may deploy. */
    public List<Host> loadedHosts() {
        return environment.hosts().stream()
                .filter(h -> h.hostedEngine().configured())
                .filter(h -> !environment.vmsOn(h.id()).isEmpty())
                .toList();
    }
}

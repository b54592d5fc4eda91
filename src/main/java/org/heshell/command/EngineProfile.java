package org.heshell.command;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * One engine of {@code ~/.heshell/engines}: a real Manager ({@code url}, its CA, user and a password file only its
 * owner reads, the SSH user and key for its machines) or a lab ({@code labDir}). {@code failover}: the host a
 * scheduled backup frees first; {@code backups}: its catalog (null: ~/.heshell/backups, shared by engine FQDN).
 */
public record EngineProfile(String name, String url, Path caFile, String user, Path passwordFile, String sshUser,
                            Path sshIdentity, String failover, Path backups, Path labDir) {
    public boolean lab() {
        return labDir != null;
    }

    /**
     * The FQDN its backups are recorded under when the engine cannot be asked: the lab's, or the URL's host (an
     * engine that answers gives its engine VM's own).
     */
    public String fqdn() {
        return lab() ? org.heshell.lab.LabScenario.ENGINE_FQDN : java.net.URI.create(url).getHost();
    }

    /**
     * The files it names are there and the password file is its owner's alone: checked before anything is
     * reached or changed, so a typo costs one line and nothing else.
     */
    public EngineProfile checked() {
        if (caFile != null && !Files.isReadable(caFile)) {
            throw refused("ca-file " + caFile + (Files.exists(caFile) ? " cannot be read" : " does not exist")
                    + "; copy the engine CA there (https://ENGINE/ovirt-engine/services/pki-resource?resource="
                    + "ca-certificate&format=X509-PEM-CA)");
        }
        if (passwordFile != null) {
            try {
                Set<PosixFilePermission> p = Files.getPosixFilePermissions(passwordFile);
                if (p.stream().anyMatch(x -> x.name().startsWith("GROUP") || x.name().startsWith("OTHERS"))) {
                    throw refused("password-file " + passwordFile + " can be read by others; chmod 600 "
                            + passwordFile);
                }
            } catch (java.io.IOException e) {
                throw refused("password-file " + passwordFile + (Files.exists(passwordFile) ? " cannot be read"
                        : " does not exist") + "; put the password on its first line (chmod 600)");
            }
        }
        if (sshIdentity != null && !Files.isReadable(sshIdentity)) {
            throw refused("ssh-identity " + sshIdentity + " does not exist or cannot be read");
        }
        return this;
    }

    private CommandException refused(String why) {
        return new CommandException("engine " + name + ": " + why + " (" + EngineConfig.label() + ")", 2, null);
    }
}

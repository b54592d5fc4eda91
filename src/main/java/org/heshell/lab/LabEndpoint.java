package org.heshell.lab;

import java.nio.file.Path;

/** What a client needs to reach a lab like a real engine: API URL, CA file, user and the file with the password. */
public record LabEndpoint(String apiUrl, Path caFile, String user, Path passwordFile, long pid) {
    /** The lab's directory, where its ssh_config and known_hosts are. */
    public Path labDir() {
        return passwordFile.toAbsolutePath().getParent();
    }
}

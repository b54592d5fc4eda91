package org.heshell.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The files of one lab: state, PKI, the admin password and the endpoint of the process serving it. */
public record LabDir(Path path) {
    public static Path defaultPath() {
        return Path.of(System.getProperty("user.home"), ".heshell", "lab");
    }

    public Path stateFile() {
        return path.resolve("state.json");
    }

    public Path caFile() {
        return path.resolve("ca.pem");
    }

    Path caKeyFile() {
        return path.resolve("ca.key");
    }

    Path serverCertFile() {
        return path.resolve("engine.pem");
    }

    Path serverKeyFile() {
        return path.resolve("engine.key");
    }

    public Path passwordFile() {
        return path.resolve("admin-password");
    }

    Path lockFile() {
        return path.resolve("lab.lock");
    }

    /** The client key all lab machines accept (OpenSSH format). */
    public Path identityFile() {
        return path.resolve("id_ecdsa");
    }

    /** Where each lab machine is: use with ssh -F, sftp -F, or heshell. */
    public Path sshConfigFile() {
        return path.resolve("ssh_config");
    }

    /** The lab machines' host keys, by FQDN. */
    public Path knownHostsFile() {
        return path.resolve("known_hosts");
    }

    /** Written by the process serving the lab: where a second shell finds it. */
    public Path endpointFile() {
        return path.resolve("endpoint");
    }

    /** Serializes first starts: a second shell waits for the first one's lab instead of starting its own. */
    Path startLockFile() {
        return path.resolve("start.lock");
    }

    /** The engine's audit log. */
    Path eventsFile() {
        return path.resolve("events.json");
    }

    /** What the background lab process writes. */
    public Path logFile() {
        return path.resolve("lab.log");
    }

    boolean exists() {
        return Files.isRegularFile(stateFile());
    }

    void create() throws IOException {
        if (Files.exists(path) && !Files.isDirectory(path)) {
            throw new IOException("the lab dir " + path + " is a file, not a directory; give a directory with"
                    + " --lab-dir");
        }
        Files.createDirectories(path.getParent() == null ? path : path.getParent());
        if (!Files.isDirectory(path)) {
            Files.createDirectory(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
    }
}

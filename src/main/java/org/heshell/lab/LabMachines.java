package org.heshell.lab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;

/**
 * The lab's machines as SSH servers: the engine VM and the hosted-engine hosts, each on its own loopback port
 * with a persistent host key. The lab makes a client key that all of them accept, and writes an ssh_config and a
 * known_hosts naming each machine by its FQDN, so that heshell, ssh and sftp reach them like real machines:
 * {@code ssh -F LABDIR/ssh_config engine.lab.example}.
 */
final class LabMachines implements AutoCloseable {
    private final Map<String, LabSshServer> servers = new LinkedHashMap<>();
    private final LabDir dir;
    private final LabWorld world;
    private final Path ssh;

    LabMachines(LabDir dir, LabWorld world) throws IOException {
        this.dir = dir;
        this.world = world;
        ssh = dir.path().resolve("ssh");
        Files.createDirectories(ssh);
        identity(dir);
        LabFiles.writePrivate(ssh.resolve("authorized_keys"), Files.readString(dir.identityFile().resolveSibling(
                dir.identityFile().getFileName() + ".pub")));
        try {
            sync();
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Runs an SSH server for every machine that exists now: the engine VM only while it runs (hung or not). A gone
     * engine VM's host key goes with it, so the engine VM a restore deploys has a new one, as a real one would.
     */
    synchronized void sync() throws IOException {
        LabState state = world.snapshot();
        List<String> wanted = new ArrayList<>();
        for (LabMachine m : state.site().machines()) {
            boolean engine = m.fqdn().equals(state.engineFqdn());
            // a machine lost for good answers nothing, and its host key goes with it
            if ((!engine || state.site().engineVmRuns()) && !state.site().isLost(m.fqdn())) {
                wanted.add(m.fqdn());
            }
        }
        for (String fqdn : List.copyOf(servers.keySet())) {
            if (!wanted.contains(fqdn)) {
                servers.remove(fqdn).close();
                Files.deleteIfExists(ssh.resolve(fqdn + ".host_key"));
            }
        }
        for (String fqdn : wanted) {
            if (!servers.containsKey(fqdn)) {
                Path root = dir.path().resolve("machines").resolve(fqdn);
                Files.createDirectories(root.resolve("var/lib/ovirt-engine-backup"));
                Files.createDirectories(root.resolve("root"));
                Files.createDirectories(root.resolve("tmp"));
                boolean engine = fqdn.equals(state.engineFqdn());
                servers.put(fqdn, new LabSshServer(ssh.resolve(fqdn + ".host_key"), ssh.resolve("authorized_keys"),
                        root, new LabShell(fqdn, root, engine, dir, world), world::faults));
            }
        }
        publish(dir);
    }

    int port(String fqdn) {
        return servers.get(fqdn).port();
    }

    /** The client key every lab machine accepts, made once, in OpenSSH's format so that ssh -i can use it. */
    private static void identity(LabDir dir) throws IOException {
        Path key = dir.identityFile();
        if (Files.exists(key)) {
            return;
        }
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair pair = gen.generateKeyPair();
            ByteArrayOutputStream pub = new ByteArrayOutputStream();
            OpenSSHKeyPairResourceWriter.INSTANCE.writePublicKey(pair.getPublic(), "heshell-lab", pub);
            Files.writeString(key.resolveSibling(key.getFileName() + ".pub"), pub.toString(StandardCharsets.UTF_8));
            try (OutputStream out = LabFiles.createPrivate(key)) {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(pair, "heshell-lab", null, out);
            }
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot make the lab's SSH key: " + e.getMessage(), e);
        }
    }

    /** ssh_config and known_hosts for this run's ports, replaced whole. */
    private void publish(LabDir dir) throws IOException {
        StringBuilder config = new StringBuilder("# Written by the heshell lab each time it starts: its ports change."
                + "\n# Use: ssh -F " + dir.sshConfigFile() + " engine.lab.example\n");
        StringBuilder known = new StringBuilder();
        for (Map.Entry<String, LabSshServer> e : servers.entrySet()) {
            config.append("\nHost ").append(e.getKey()).append("\n    HostName 127.0.0.1\n    Port ")
                    .append(e.getValue().port()).append("\n    User root\n    IdentityFile ")
                    .append(dir.identityFile()).append("\n    IdentitiesOnly yes\n    HostKeyAlias ").append(e.getKey())
                    .append("\n    UserKnownHostsFile ").append(dir.knownHostsFile())
                    .append("\n    StrictHostKeyChecking yes\n");
            ByteArrayOutputStream pub = new ByteArrayOutputStream();
            try {
                OpenSSHKeyPairResourceWriter.INSTANCE.writePublicKey(e.getValue().hostKey().getPublic(), null, pub);
            } catch (GeneralSecurityException ex) {
                throw new IOException("cannot write the host key of " + e.getKey() + ": " + ex.getMessage(), ex);
            }
            known.append(e.getKey()).append(' ').append(pub.toString(StandardCharsets.UTF_8).strip()).append('\n');
        }
        LabFiles.replacePrivate(dir.sshConfigFile(), config.toString().getBytes(StandardCharsets.UTF_8));
        LabFiles.replacePrivate(dir.knownHostsFile(), known.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public synchronized void close() throws IOException {
        IOException first = null;
        for (LabSshServer s : servers.values()) {
            try {
                s.close();
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}

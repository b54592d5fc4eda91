package org.heshell.remote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.heshell.lab.LabDir;
import org.heshell.lab.LabFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sshj against the lab's machines and against a real OpenSSH sshd: commands, and strict host key checking. */
class SshSessionTest {
    @TempDir
    static Path dir;
    static LabFixture lab;
    static LabDir labDir;
    static SshTarget engine;

    @BeforeAll
    static void start() throws Exception {
        lab = LabFixture.start(dir.resolve("lab"));
        lab.lab().awaitMachines();
        labDir = new LabDir(dir.resolve("lab"));
        engine = SshConfig.read(labDir.sshConfigFile()).target("engine.lab.example").orElseThrow();
    }

    @AfterAll
    static void stop() throws Exception {
        lab.close();
    }

    private KnownHosts trustingTheLab(Path own) {
        return new KnownHosts(own, List.of(labDir.knownHostsFile()));
    }

    @Test
    void theLabsSshConfigNamesEachMachineAndCommandsRun() {
        assertEquals("127.0.0.1", engine.host());
        assertEquals(labDir.identityFile(), engine.identity());
        try (SshSession s = SshSession.open(engine, trustingTheLab(dir.resolve("kh1")), false, null)) {
            assertEquals(new SshSession.Output(0, "engine.lab.example\n", ""), s.run("hostname -f"));
            List<String> lines = new ArrayList<>();
            int code = s.exec("engine-backup --mode=backup --scope=db --file=/var/lib/ovirt-engine-backup/db.tgz",
                    lines::add, lines::add);
            assertEquals(0, code);
            assertEquals("Done.", lines.get(lines.size() - 1));
            assertEquals(127, s.run("frobnicate").code());
        }
    }

    @Test
    void anUnknownHostKeyIsRefusedUnlessAcceptedThenRemembered() throws Exception {
        Path own = dir.resolve("heshell-known_hosts");
        KnownHosts known = new KnownHosts(own, List.of());
        RemoteException refused = assertThrows(RemoteException.class, () -> SshSession.open(engine, known, false,
                null));
        assertTrue(refused.getMessage().startsWith("refusing to connect to engine.lab.example: the host key of"
                + " engine.lab.example is not known (SHA256:"), refused.getMessage());
        assertTrue(refused.getMessage().contains("--accept-new-host-key"), refused.getMessage());

        List<String> asked = new ArrayList<>();
        SshSession.open(engine, known, false, (name, fp) -> asked.add(name + " " + fp) && true).close();
        assertEquals(1, asked.size());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(own)));
        assertTrue(Files.readString(own).startsWith("engine.lab.example ecdsa-sha2-nistp256 "));
        SshSession.open(engine, known, false, null).close(); // now known: no question, no refusal
    }

    @Test
    void aChangedHostKeyIsRefusedWithTheWayToForgetIt() throws Exception {
        Path own = dir.resolve("changed-known_hosts");
        KnownHosts known = new KnownHosts(own, List.of());
        var gen = java.security.KeyPairGenerator.getInstance("EC");
        gen.initialize(256);
        known.remember("engine.lab.example", gen.generateKeyPair().getPublic());
        RemoteException e = assertThrows(RemoteException.class, () -> SshSession.open(engine, known, true, null));
        assertTrue(e.getMessage().contains("the host key of engine.lab.example has CHANGED"), e.getMessage());
        assertTrue(e.getMessage().contains("ssh-keygen -R engine.lab.example -f " + own), e.getMessage());
    }

    @Test
    void aRealOpenSshServer() throws Exception {
        Path sshd = Path.of("/usr/sbin/sshd");
        if (!Files.isExecutable(sshd)) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("CI needs OpenSSH's sshd (apt-get install openssh-server)");
            }
            Assumptions.abort("no /usr/sbin/sshd");
        }
        Path d = Files.createDirectories(dir.resolve("sshd"));
        run("ssh-keygen", "-q", "-t", "ecdsa", "-N", "", "-f", d.resolve("host_key").toString());
        Files.copy(labDir.identityFile().resolveSibling("id_ecdsa.pub"), d.resolve("authorized_keys"));
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.writeString(d.resolve("sshd_config"), String.join("\n", "Port " + port, "ListenAddress 127.0.0.1",
                "HostKey " + d.resolve("host_key"), "AuthorizedKeysFile " + d.resolve("authorized_keys"),
                "PidFile " + d.resolve("sshd.pid"), "UsePAM no", "StrictModes no", "PasswordAuthentication no",
                "KbdInteractiveAuthentication no", "PermitRootLogin prohibit-password", "") );
        Files.createDirectories(Path.of("/run/sshd"));
        Process server = new ProcessBuilder(sshd.toString(), "-D", "-e", "-f", d.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(d.resolve("sshd.log").toFile()).start();
        try {
            for (int i = 0; i < 50 && !Files.readString(d.resolve("sshd.log")).contains("listening"); i++) {
                Thread.sleep(100);
            }
            Path own = dir.resolve("real-known_hosts");
            Files.writeString(own, "real.example " + Files.readString(d.resolve("host_key.pub")));
            SshTarget real = new SshTarget("real.example", "127.0.0.1", port, System.getProperty("user.name"),
                    labDir.identityFile());
            try (SshSession s = SshSession.open(real, new KnownHosts(own, List.of()), false, null)) {
                assertEquals(new SshSession.Output(3, "hello\n", "oops\n"), s.run("echo hello; echo oops >&2; exit 3"));
            }
        } finally {
            server.destroy();
            server.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + ": " + out);
        }
    }
}

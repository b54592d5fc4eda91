package org.heshell.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.heshell.lab.LabFixture;
import org.heshell.model.Environment;
import org.heshell.model.Host;
import org.heshell.model.HostStatus;
import org.heshell.model.Vm;
import org.heshell.model.VmStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official SDK against the lab over real HTTPS: every field the shell shows, and the refusals. */
class EngineSessionTest {
    @TempDir
    static Path dir;
    static LabFixture lab;

    @BeforeAll
    static void start() throws Exception {
        lab = LabFixture.start(dir.resolve("lab"));
    }

    @AfterAll
    static void stop() throws Exception {
        lab.close();
    }

    @Test
    void readsEveryFieldTheShellShows() throws Exception {
        try (EngineSession s = lab.session()) {
            Environment env = s.read();
            assertEquals("engine.lab.example", env.engineFqdn());
            assertEquals("4.5.6", env.engineVersion());
            assertEquals(List.of("Default"), env.clusters().stream().map(c -> c.name()).toList());
            assertEquals(3, env.hosts().size());
            Host h1 = env.findHost("Host 1").orElseThrow();
            assertEquals("host1.lab.example", h1.address());
            assertEquals(List.of("192.0.2.11"), h1.ips());
            assertEquals(HostStatus.UP, h1.status());
            assertEquals("Default", h1.cluster());
            assertTrue(h1.uniqueId().matches("[0-9a-f-]{36}"), h1.uniqueId());
            assertTrue(h1.hostedEngine().configured() && h1.hostedEngine().active());
            assertEquals(3400, h1.hostedEngine().score());
            assertEquals(32L * 1024 * 1024 * 1024, h1.memoryBytes());
            Vm engine = env.engineVm().orElseThrow();
            assertEquals("HostedEngine", engine.name());
            assertEquals("Host 2", env.engineHost().orElseThrow().name());
            assertEquals(7, env.vms().size());
            assertTrue(env.vms().stream().allMatch(v -> v.status() == VmStatus.UP && v.hostId() != null));
            for (Host h : env.hosts()) {
                assertEquals(2, env.vmsOn(h.id()).stream().filter(v -> !v.engine()).count(), h.name());
            }
            assertEquals(h1, env.findHost("192.0.2.11").orElseThrow());
            assertEquals(h1, env.findHost("HOST1.lab.example").orElseThrow());
        }
    }

    @Test
    void maintenanceWaitReportsEachMigrationAndRemovalIsRefusedWhileUp() throws Exception {
        try (LabFixture own = LabFixture.start(dir.resolve("maintenance")); EngineSession s = own.session()) {
            Environment before = s.read();
            Host h3 = before.findHost("Host 3").orElseThrow();
            EngineException refused = assertThrows(EngineException.class, () -> s.remove(h3));
            assertTrue(refused.getMessage().contains("cannot remove Host 3: the Manager refused: Cannot remove Host."
                    + " Host is operational."), refused.getMessage());

            List<String> steps = new ArrayList<>();
            s.deactivate(h3);
            HostWait.Outcome o = HostWait.until(s, before, h3, EnumSet.of(HostStatus.MAINTENANCE), Duration.ofSeconds(30),
                    new Progress() {
                        public void status(String line) {
                        }

                        public void step(String line) {
                            steps.add(line);
                        }
                    });
            assertEquals(HostStatus.MAINTENANCE, o.host().status());
            assertEquals(2, o.migrations().size());
            assertTrue(o.migrations().stream().allMatch(m -> m.from().equals("Host 3")));
            assertEquals(2, steps.size(), steps.toString());
            assertTrue(steps.get(0).matches("vm[56]: Host 3 → Host \\d \\(\\d+\\.\\d s\\)"), steps.get(0));
            s.activate(h3);
            HostWait.until(s, o.environment(), h3, EnumSet.of(HostStatus.UP), Duration.ofSeconds(30),
                    Progress.NONE);
        }
    }

    @Test
    void aWrongCaIsRefusedWithAClearMessage() throws Exception {
        Path otherLab = dir.resolve("other");
        try (LabFixture other = LabFixture.start(otherLab)) {
            var t = lab.target();
            EngineTarget wrongCa = new EngineTarget(t.url(), t.user(), other.endpoint().caFile(), false, "x", false);
            EngineException e = assertThrows(EngineException.class, () -> EngineSession.open(wrongCa, lab.password()));
            assertTrue(e.getMessage().contains("is not trusted by the CA in"), e.getMessage());
            assertTrue(e.getMessage().contains("--ca-file"), e.getMessage());
        }
    }

    @Test
    void aWrongPasswordOrANonCertificateCaFileIsOneClearLine() throws Exception {
        EngineException e = assertThrows(EngineException.class,
                () -> EngineSession.open(lab.target(), "wrong".toCharArray()));
        assertTrue(e.getMessage().contains("login as admin@internal failed"), e.getMessage());
        Path junk = Files.writeString(dir.resolve("junk.pem"), "not a certificate");
        var t = lab.target();
        EngineException bad = assertThrows(EngineException.class, () -> EngineSession.open(
                new EngineTarget(t.url(), t.user(), junk, false, "x", false), lab.password()));
        assertTrue(bad.getMessage().contains("holds no PEM certificate"), bad.getMessage());
    }

    @Test
    void insecureSkipsVerificationOnlyWhenAskedFor() throws Exception {
        var t = lab.target();
        try (EngineSession s = EngineSession.open(new EngineTarget(t.url(), t.user(), null, true, "x", false),
                lab.password())) {
            assertEquals(3, s.read().hosts().size());
        }
        EngineException e = assertThrows(EngineException.class, () -> EngineSession.open(
                new EngineTarget(t.url(), t.user(), null, false, "x", false), lab.password()));
        assertTrue(e.getMessage().contains("not trusted by the system's CAs"), e.getMessage());
    }

    /** A password source that counts how often it is asked. */
    private static final class Asked implements java.util.function.Supplier<char[]> {
        private final String password;
        int times;

        Asked(String password) {
            this.password = password;
        }

        @Override
        public char[] get() {
            times++;
            return password.toCharArray();
        }
    }

    @Test
    void aKeptTokenServesTheNextRunWithoutAPassword() throws Exception {
        SsoTokens tokens = new SsoTokens(dir.resolve("kept"));
        Asked asked = new Asked(new String(lab.password()));
        try (EngineSession s = EngineSession.open(lab.target(), tokens, asked)) {
            assertEquals(3, s.read().hosts().size());
        }
        String token = tokens.read(lab.target()).orElseThrow();
        try (EngineSession s = EngineSession.open(lab.target(), tokens, asked)) {
            assertEquals(3, s.read().hosts().size());
        }
        assertEquals(1, asked.times, "the second run logs in with the kept token");
        assertEquals(token, tokens.read(lab.target()).orElseThrow(), "closing does not revoke a kept token");
    }

    @Test
    void aRejectedTokenIsDroppedAndTheRequestMadeAgainAfterALogin() throws Exception {
        SsoTokens tokens = new SsoTokens(dir.resolve("rejected"));
        tokens.save(lab.target(), "not-a-token-the-engine-knows");
        Asked asked = new Asked(new String(lab.password()));
        try (EngineSession s = EngineSession.open(lab.target(), tokens, asked)) {
            assertEquals(0, asked.times, "a kept token asks for no password");
            assertEquals(3, s.read().hosts().size());
        }
        assertEquals(1, asked.times);
        String fresh = tokens.read(lab.target()).orElseThrow();
        assertTrue(!fresh.equals("not-a-token-the-engine-knows"), "the new token is kept in its place");
    }

    @Test
    void aRejectedTokenAndAWrongPasswordFailInOneLineAndKeepNoToken() {
        SsoTokens tokens = new SsoTokens(dir.resolve("wrong"));
        tokens.save(lab.target(), "stale-token-value");
        try (EngineSession s = EngineSession.open(lab.target(), tokens, new Asked("wrong"))) {
            EngineException e = assertThrows(EngineException.class, s::read);
            assertTrue(e.getMessage().contains("login as admin@internal failed"), e.getMessage());
            assertTrue(!e.getMessage().contains("stale-token-value"), e.getMessage());
        }
        assertTrue(tokens.read(lab.target()).isEmpty(), "the rejected token is dropped");
    }

    @Test
    void logoutRevokesTheTokenOnTheEngineAndForgetsIt() throws Exception {
        SsoTokens tokens = new SsoTokens(dir.resolve("logout"));
        Asked asked = new Asked(new String(lab.password()));
        EngineSession s = EngineSession.open(lab.target(), tokens, asked);
        String token = tokens.read(lab.target()).orElseThrow();
        s.logout();
        assertTrue(tokens.read(lab.target()).isEmpty());
        tokens.save(lab.target(), token);
        try (EngineSession again = EngineSession.open(lab.target(), tokens, asked)) {
            assertEquals(3, again.read().hosts().size());
        }
        assertEquals(2, asked.times, "the engine no longer takes a logged-out token");
    }
}

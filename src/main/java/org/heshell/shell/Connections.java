package org.heshell.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.heshell.command.CommandException;
import org.heshell.command.Connector;
import org.heshell.command.LabFaultSettings;
import org.heshell.command.LabSiteSettings;
import org.heshell.restore.Resolver;
import org.heshell.restore.SystemResolver;
import org.heshell.restore.TableResolver;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.heshell.engine.EngineSession;
import org.heshell.engine.SsoTokens;
import org.heshell.engine.EngineTarget;
import org.heshell.lab.Lab;
import org.heshell.lab.LabProcess;
import org.heshell.lab.LabProcessStatus;
import org.heshell.lab.LabEndpoint;
import org.heshell.lab.LabDir;
import org.heshell.lab.LabScenario;
import org.heshell.remote.KnownHosts;
import org.heshell.remote.SshConfig;
import org.heshell.remote.SshSession;
import org.heshell.remote.SshTarget;

/**
 * Opens engine sessions for the shell: to its lab, found through the lab dir or started in the background on first
 * use (it outlives this shell, like a real engine), or to a real Manager. Nothing is started for commands that never
 * need a Manager.
 */
final class Connections implements Connector, AutoCloseable {
    private static final String PROCESS_PATH = "/ovirt-engine/lab/process";
    private static final long STOP_WAIT_MS = 15_000;
    private final Path labDir;
    private final Lab.Settings labSettings;
    private final PasswordSource passwords;
    private final SshOptions ssh;
    private final java.util.function.Consumer<String> notices;
    /** SSO tokens kept between runs; null: every session logs in and out. */
    private final SsoTokens tokens;
    private LabEndpoint endpoint;

    /**
     * {@code labDir} null: this shell has no lab. {@code notices}: one-line news, such as a lab started.
     * {@code tokens}: where SSO tokens are kept between runs (null: none is).
     */
    Connections(Path labDir, Lab.Settings labSettings, PasswordSource passwords, SshOptions ssh,
                java.util.function.Consumer<String> notices, SsoTokens tokens) {
        this.labDir = labDir;
        this.labSettings = labSettings;
        this.passwords = passwords;
        this.ssh = ssh;
        this.notices = notices;
        this.tokens = tokens;
    }

    /** Connections to a lab already served at {@code endpoint}. */
    Connections(LabEndpoint endpoint, PasswordSource passwords, SshOptions ssh) {
        this(null, null, passwords, ssh, line -> { }, null);
        this.endpoint = endpoint;
    }

    @Override
    public LabFaultSettings labFaults(LabFaultSettings set) {
        return labJson("/ovirt-engine/lab/faults", "faults", set, LabFaultSettings.class);
    }

    @Override
    public LabSiteSettings labSite(LabSiteSettings set) {
        return labJson("/ovirt-engine/lab/site", "site", set, LabSiteSettings.class);
    }

    /** A lab control resource as JSON: GET, or PUT of {@code set} when it is not null. */
    private <T> T labJson(String path, String what, T set, Class<T> type) {
        try {
            ObjectMapper json = new ObjectMapper();
            return json.readValue(set == null ? labControl(path, "GET", null)
                    : labControl(path, "PUT", json.writeValueAsBytes(set)), type);
        } catch (IOException e) {
            throw new CommandException("the lab's answer about its " + what + " is unreadable: " + e.getMessage(), 1,
                    e);
        }
    }

    @Override
    public void labReset() {
        labControl("/ovirt-engine/lab/reset", "PUT", new byte[0]);
    }

    @Override
    public LabProcessStatus labStatus() {
        Path dir = labDirOrRefuse();
        try {
            if (LabProcess.running(dir).isEmpty()) {
                return LabProcessStatus.stopped(dir);
            }
        } catch (IOException e) {
            throw new CommandException(Main.describe(e), 1, e);
        }
        return labJson(PROCESS_PATH, "process", null, LabProcessStatus.class);
    }

    @Override
    public LabProcessStatus labStop() {
        LabProcessStatus before = labStatus();
        if (!before.running()) {
            return before;
        }
        labControl(PROCESS_PATH, "DELETE", null);
        try {
            if (!LabProcess.awaitStopped(Path.of(before.dir()), STOP_WAIT_MS)) {
                throw new CommandException("the lab's process " + before.pid() + " was asked to stop and still runs"
                        + " after " + STOP_WAIT_MS / 1000 + " s; see " + before.log() + " (kill " + before.pid()
                        + " stops it; its state is kept)");
            }
        } catch (IOException e) {
            throw new CommandException(Main.describe(e), 1, e);
        }
        synchronized (this) {
            endpoint = null;
        }
        return before;
    }

    private Path labDirOrRefuse() {
        if (labDir == null) {
            if (endpoint != null) {
                return endpoint.labDir();
            }
            throw new CommandException("this is a lab control; this shell was started on a real Manager");
        }
        return labDir;
    }

    @Override
    public Resolver resolver() {
        return labDir != null || endpoint != null ? new TableResolver(labSite(null).dns()) : new SystemResolver();
    }

    /** The lab's own control resource over HTTPS, trusting only the lab's CA. */
    private byte[] labControl(String path, String method, byte[] body) {
        if (labDir == null && endpoint == null) {
            throw new CommandException("this is a lab control; this shell was started on a real Manager");
        }
        LabEndpoint lab = labEndpoint();
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            KeyStore trust = KeyStore.getInstance("JKS");
            trust.load(null, null);
            try (var in = Files.newInputStream(lab.caFile())) {
                trust.setCertificateEntry("lab", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            tls.init(null, tmf.getTrustManagers(), null);
            char[] password = PasswordSource.fromFile(lab.passwordFile());
            String auth = "Basic " + Base64.getEncoder().encodeToString((lab.user() + ":" + new String(password))
                    .getBytes(StandardCharsets.UTF_8));
            Arrays.fill(password, '\0');
            URI uri = URI.create(lab.apiUrl().replace("/ovirt-engine/api", path));
            HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Authorization", auth);
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
            HttpResponse<byte[]> r = HttpClient.newBuilder().sslContext(tls).build().send(request.build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                String why = new String(r.body(), StandardCharsets.UTF_8).replaceAll("(?s).*<detail>\\[?(.*?)\\]?</detail>.*",
                        "$1");
                throw new CommandException("the lab refused: " + (why.length() < 300 ? why : "HTTP " + r.statusCode()));
            }
            return r.body();
        } catch (IOException | GeneralSecurityException e) {
            throw new CommandException("cannot reach the lab's control at " + lab.apiUrl() + ": " + e.getMessage(),
                    1, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandException("stopped waiting for the lab", 130, e);
        }
    }

    @Override
    public double clockSpeed() {
        if (labDir == null && endpoint == null) {
            return 1;
        }
        return Lab.speed(labEndpoint().labDir()); // as the lab process keeps it in its state file
    }

    @Override
    public SshSession ssh(String fqdn) {
        Path userKnown = Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
        SshTarget target;
        KnownHosts known;
        if (labDir != null || endpoint != null) {
            LabDir lab = new LabDir(labEndpoint().labDir());
            awaitMachines();
            target = SshConfig.read(lab.sshConfigFile()).target(fqdn).orElseThrow(() -> new CommandException(
                    "the lab has no machine " + fqdn + " (see " + lab.sshConfigFile() + ")"));
            known = new KnownHosts(ssh.knownHosts(), List.of(userKnown, lab.knownHostsFile()));
        } else {
            target = new SshTarget(fqdn, fqdn, 22, ssh.user(), ssh.identity());
            known = new KnownHosts(ssh.knownHosts(), List.of(userKnown));
        }
        return SshSession.open(target, known, ssh.acceptNewHostKey(), ssh.ask());
    }

    /** The lab's machines start on first need, asked of the process that serves the lab. */
    private void awaitMachines() {
        labControl("/ovirt-engine/lab/machines", "PUT", new byte[0]);
    }

    @Override
    public EngineSession engine(String url, String user, Path caFile, boolean insecure, Path passwordFile) {
        return engine(url, user, caFile, insecure, passwordFile, true);
    }

    /** {@code keptToken}: whether a token kept by an earlier run may stand in for the password. */
    private EngineSession engine(String url, String user, Path caFile, boolean insecure, Path passwordFile,
                                 boolean keptToken) {
        EngineTarget target;
        try {
            target = new EngineTarget(url, user, caFile, insecure, null, false);
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage(), 2, e);
        }
        target = new EngineTarget(url, user, caFile, insecure, target.host(), false);
        String host = target.host();
        return open(target, () -> passwords.get(user, host, passwordFile), keptToken);
    }

    /** A session on a kept token when there is one; the password is asked for only when a login is needed. */
    private EngineSession open(EngineTarget target, java.util.function.Supplier<char[]> password, boolean keptToken) {
        if (tokens != null && keptToken) {
            return EngineSession.open(target, tokens, password);
        }
        char[] p = password.get();
        try {
            return EngineSession.open(target, p);
        } finally {
            Arrays.fill(p, '\0');
        }
    }

    @Override
    public EngineSession open(org.heshell.command.EngineProfile p) {
        if (p.lab()) {
            return new Connections(p.labDir(), Lab.Settings.STANDARD, passwords, ssh, notices, tokens).lab();
        }
        // An engine of ~/.heshell/engines logs in with its own password file: another entry for the same URL and
        // user must not lend it a kept token, or a wrong password file would go unnoticed by `backup check --all`.
        return engine(p.url(), p.user(), p.caFile(), false, p.passwordFile(), false);
    }

    @Override
    public EngineSession lab() {
        LabEndpoint lab = labEndpoint();
        EngineTarget target = new EngineTarget(lab.apiUrl(), lab.user(), lab.caFile(), false,
                LabScenario.ENGINE_FQDN + " (lab)", true);
        return open(target, () -> PasswordSource.fromFile(lab.passwordFile()), true);
    }

    private synchronized LabEndpoint labEndpoint() {
        if (endpoint != null && labDir != null && !LabProcess.isServing(labDir, endpoint)) {
            endpoint = null; // stopped (`lab stop` in another shell) or gone: start it again
        }
        if (endpoint == null) {
            if (labDir == null) {
                throw new CommandException("this shell was started on a real Manager, not a lab; start one with"
                        + " ./shell (or ./shell --lab-dir DIR)");
            }
            try {
                LabProcess.Joined joined = LabProcess.ensure(labDir, labSettings, notices);
                endpoint = joined.endpoint();
                if (!joined.started() && labSettings.speed() != null) {
                    labJson(PROCESS_PATH, "process", java.util.Map.of("speed", labSettings.speed()), java.util.Map.class);
                }
            } catch (IOException e) {
                throw new CommandException(Main.describe(e), 1, e);
            }
        }
        return endpoint;
    }

    @Override
    public void close() {
        // The lab is not this shell's to stop: it serves every shell, and stops on `lab stop`.
    }
}

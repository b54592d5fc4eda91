package org.heshell.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.heshell.engine.EngineSession;
import org.heshell.engine.EngineTarget;

/** A fresh lab in a temporary directory, served in-process over HTTPS, with a fast clock. */
public final class LabFixture implements AutoCloseable {
    public static final double FAST = 200;
    private final Lab lab;

    private LabFixture(Lab lab) {
        this.lab = lab;
    }

    public static LabFixture start(Path dir) throws IOException {
        return start(dir, Lab.Settings.STANDARD.hosts(), Lab.Settings.STANDARD.vms());
    }

    public static LabFixture start(Path dir, int hosts, int vms) throws IOException {
        Lab.Opened opened = Lab.open(dir, new Lab.Settings(hosts, vms, FAST));
        if (!(opened instanceof Lab.Served served)) {
            throw new IllegalStateException("lab " + dir + " is already served elsewhere");
        }
        return new LabFixture(served.lab());
    }

    public Lab lab() {
        return lab;
    }

    public LabEndpoint endpoint() {
        return lab.endpoint();
    }

    public EngineTarget target() {
        LabEndpoint e = endpoint();
        return new EngineTarget(e.apiUrl(), e.user(), e.caFile(), false, "lab", true);
    }

    /** An HTTPS client that trusts this lab's CA only, as any client outside heshell talks to the lab. */
    public HttpClient https() throws IOException, GeneralSecurityException {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).build();
    }

    /** The admin's HTTP Basic credentials, which the engine's API takes as well as a token. */
    public String basicAuth() throws IOException {
        return "Basic " + Base64.getEncoder().encodeToString(("admin@internal:" + new String(password()))
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The lab's CA as a JKS trust store file (password "changeit"), as the Java SDK's builder takes one. */
    public Path trustStore(Path file) throws IOException, GeneralSecurityException {
        try (OutputStream out = Files.newOutputStream(file)) {
            trust().store(out, "changeit".toCharArray());
        }
        return file;
    }

    /** The official Java SDK's connection to the lab, with the lab's CA in a trust store under {@code dir}. */
    public org.ovirt.engine.sdk4.Connection sdk(Path dir) throws IOException, GeneralSecurityException {
        return org.ovirt.engine.sdk4.ConnectionBuilder.connection().url(endpoint().apiUrl()).user("admin@internal")
                .password(new String(password())).trustStoreFile(trustStore(Files.createTempFile(dir, "trust",
                        ".jks")).toString()).trustStorePassword("changeit").build();
    }

    private KeyStore trust() throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("JKS");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(endpoint().caFile())) {
            trust.setCertificateEntry("lab", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        return trust;
    }

    public char[] password() throws IOException {
        return java.nio.file.Files.readString(endpoint().passwordFile()).trim().toCharArray();
    }

    public EngineSession session() throws IOException {
        return EngineSession.open(target(), password());
    }

    /** The engine's backup awareness check now, as it runs every BackupCheckPeriodInHours (9022/9023 alerts). */
    public void engineBackupCheck(java.time.Instant now) {
        lab.world().checkBackups(now);
    }

    @Override
    public void close() throws IOException {
        lab.close();
    }
}

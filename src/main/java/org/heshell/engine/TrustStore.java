package org.heshell.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import org.heshell.io.LocalFile;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.HexFormat;

/**
 * The SDK takes trust as a key store file; administrators have the engine CA as PEM. This turns the PEM into a
 * key store in a private temporary file that lives as long as the connection. JKS, not PKCS#12: it holds only
 * public certificates, and PKCS#12's password-based encryption costs a cold JVM a noticeable part of its start.
 */
final class TrustStore implements AutoCloseable {
    private final Path file;
    private final String password;

    private TrustStore(Path file, String password) {
        this.file = file;
        this.password = password;
    }

    static TrustStore fromPem(Path pem) {
        Collection<? extends Certificate> certs;
        try (InputStream in = LocalFile.open(pem)) {
            certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new EngineException("cannot read the CA file " + pem + ": " + e.getMessage()
                    + "; give the engine CA in PEM with --ca-file");
        } catch (GeneralSecurityException e) {
            throw new EngineException("the CA file " + pem + " holds no PEM certificate (" + e.getMessage()
                    + "); download it from https://ENGINE/ovirt-engine/services/pki-resource?resource=ca-certificate"
                    + "&format=X509-PEM-CA");
        }
        if (certs.isEmpty()) {
            throw new EngineException("the CA file " + pem + " holds no certificate; give the engine CA in PEM");
        }
        try {
            KeyStore store = KeyStore.getInstance("JKS");
            store.load(null, null);
            int i = 0;
            for (Certificate c : certs) {
                store.setCertificateEntry("ca" + i++, c);
            }
            byte[] raw = new byte[16];
            new SecureRandom().nextBytes(raw);
            String password = HexFormat.of().formatHex(raw);
            Path file = Files.createTempFile("heshell-trust", ".jks",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            return new TrustStore(file, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new EngineException("cannot prepare the trust store for " + pem + ": " + e.getMessage(), e);
        }
    }

    String file() {
        return file.toString();
    }

    String password() {
        return password;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a temp file in a private dir; nothing else to do
        }
    }
}

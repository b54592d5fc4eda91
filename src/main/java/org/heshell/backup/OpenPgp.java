package org.heshell.backup;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPEncryptedData;
import org.bouncycastle.openpgp.PGPEncryptedDataGenerator;
import org.bouncycastle.openpgp.PGPEncryptedDataList;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPLiteralData;
import org.bouncycastle.openpgp.PGPLiteralDataGenerator;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPOnePassSignatureList;
import org.bouncycastle.openpgp.PGPPublicKeyEncryptedData;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyDataDecryptorFactory;
import org.bouncycastle.openpgp.operator.bc.BcPublicKeyKeyEncryptionMethodGenerator;

/**
 * Backups as OpenPGP messages (RFC 4880), the kind `gpg --encrypt` writes and plain `gpg --decrypt` reads: the
 * archive's bytes in one literal data packet, not compressed again (the archive is compressed already), in
 * AES-256 with the modification detection code, the session key encrypted to one public key. Both ways stream.
 */
public final class OpenPgp {
    /** The size of the partial packets written: 1 MiB ones make one write of each and keep the framing away. */
    private static final int PACKET_BUFFER = 1 << 20;

    private OpenPgp() {
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    /**
     * A stream that encrypts what is written into {@code out} for {@code key}; closing it ends the message (its
     * integrity code) and closes {@code out}. {@code name} is the file name gpg's --use-embedded-filename takes.
     */
    public static OutputStream encrypt(OutputStream out, EncryptionKey key, String name) throws IOException {
        // The bulk cipher through the JCA's AES (AES-NI where the JVM has it), the key wrap through BC's own
        // code, which takes every key type gpg makes (RSA, Curve25519, NIST curves) without a provider.
        PGPEncryptedDataGenerator generator = new PGPEncryptedDataGenerator(new CfbThroughCbc(new SecureRandom()));
        generator.addMethod(new BcPublicKeyKeyEncryptionMethodGenerator(key.key()));
        OutputStream encrypted;
        try {
            encrypted = generator.open(out, new byte[PACKET_BUFFER]);
        } catch (PGPException e) {
            throw new IOException("cannot encrypt to " + key.describe() + ": " + e.getMessage(), e);
        }
        PGPLiteralDataGenerator literal = new PGPLiteralDataGenerator();
        OutputStream clear = literal.open(encrypted, PGPLiteralData.BINARY, name, new Date(),
                new byte[PACKET_BUFFER]);
        return new FilterOutputStream(clear) {
            private boolean closed;

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                clear.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    literal.close();
                    encrypted.close();
                    out.close();
                }
            }
        };
    }

    /**
     * Whether {@code file} begins as an OpenPGP message does: a public-key or passphrase encrypted session key
     * packet (binary, either header format), or an armored "BEGIN PGP MESSAGE". No archive format begins so.
     */
    public static boolean isMessage(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(27);
            if (head.length == 0) {
                return false;
            }
            int b = head[0] & 0xff;
            if (b == 0xc1 || b == 0xc3 || (b & 0xfc) == 0x84 || (b & 0xfc) == 0x8c) {
                return true;
            }
            return new String(head, java.nio.charset.StandardCharsets.US_ASCII).startsWith("-----BEGIN PGP MESSAGE");
        } catch (IOException e) {
            return false;
        }
    }

    /** The key ids an encrypted file names as its recipients, as gpg --list-packets shows them (16 hex digits). */
    public static List<String> recipients(Path file) {
        try (InputStream in = PGPUtil.getDecoderStream(new BufferedInputStream(Files.newInputStream(file)))) {
            PGPEncryptedDataList list = encryptedData(new BcPGPObjectFactory(in), file.toString());
            List<String> ids = new ArrayList<>();
            for (PGPEncryptedData d : list) {
                if (d instanceof PGPPublicKeyEncryptedData pk) {
                    ids.add(String.format("%016X", pk.getKeyID()));
                }
            }
            return ids;
        } catch (IOException e) {
            throw new BackupFormatException(file + " is not a readable OpenPGP message (" + e.getMessage() + ")", e);
        }
    }

    private static PGPEncryptedDataList encryptedData(BcPGPObjectFactory objects, String what) throws IOException {
        Object o = objects.nextObject();
        while (o instanceof PGPMarker) {
            o = objects.nextObject();
        }
        if (!(o instanceof PGPEncryptedDataList list)) {
            throw new BackupFormatException(what + " is not an OpenPGP encrypted message; it cannot be decrypted"
                    + " (inspect it without --decrypt-with if it is a plain archive)");
        }
        return list;
    }

    /**
     * The clear bytes of the message in {@code raw}, decrypted with {@code identity} as they are read. At its end
     * the message's integrity code is checked; a message that ends early, is damaged or fails that check throws a
     * {@link BackupFormatException} naming {@code what}, so nothing read from a bad file is taken as good.
     */
    public static Decrypted decrypt(InputStream raw, Identity identity, String what) {
        try {
            InputStream in = PGPUtil.getDecoderStream(new BufferedInputStream(raw, 1 << 16));
            PGPEncryptedDataList list = encryptedData(new BcPGPObjectFactory(in), what);
            PGPPublicKeyEncryptedData chosen = null;
            List<String> named = new ArrayList<>();
            for (PGPEncryptedData d : list) {
                if (d instanceof PGPPublicKeyEncryptedData pk) {
                    named.add(String.format("%016X", pk.getKeyID()));
                    if (chosen == null && identity.holds(pk.getKeyID())) {
                        chosen = pk;
                    }
                }
            }
            if (chosen == null) {
                throw new BackupFormatException(what + " is encrypted to " + (named.isEmpty()
                        ? "a passphrase, not a key" : "the key " + String.join(", ", named)) + ", and --decrypt-with "
                        + identity.file() + " holds " + String.join(", ", identity.fingerprints())
                        + "; give the private key it was encrypted to");
            }
            if (!chosen.isIntegrityProtected()) {
                throw new BackupFormatException(what + " is encrypted without an integrity code, so alterations"
                        + " could not be told; heshell (like gpg) does not read it");
            }
            InputStream packets = chosen.getDataStream(new BcPublicKeyDataDecryptorFactory(
                    identity.unlock(chosen.getKeyID())));
            BcPGPObjectFactory inner = new BcPGPObjectFactory(packets);
            Object o = inner.nextObject();
            if (o instanceof PGPCompressedData compressed) {
                // gpg compresses by default what does not look compressed; the bound is the archive's own.
                CountingStream counted = new CountingStream(compressed.getInputStream());
                inner = new BcPGPObjectFactory(Compression.bounded(compressed.getDataStream(), counted,
                        "OpenPGP compressed", what));
                o = inner.nextObject();
            }
            while (o instanceof PGPOnePassSignatureList || o instanceof PGPSignatureList) {
                o = inner.nextObject(); // a signed message: its signature is not what heshell checks
            }
            if (!(o instanceof PGPLiteralData literal)) {
                throw new BackupFormatException(what + " decrypts to no data (an OpenPGP " + (o == null ? "empty"
                        : o.getClass().getSimpleName()) + " message); it is not an encrypted backup");
            }
            return new Decrypted(literal.getInputStream(), in, chosen, identity.fingerprintOf(chosen.getKeyID()), what);
        } catch (EOFException e) {
            throw truncated(what, e);
        } catch (BackupFormatException e) {
            throw e;
        } catch (IOException | PGPException e) {
            throw new BackupFormatException(what + " is not a readable OpenPGP message (" + e.getMessage()
                    + "); it is damaged or not an encrypted backup", e);
        } catch (RuntimeException e) {
            // Bouncy Castle meets some garbled packets with runtime exceptions (a ClassCastException on a packet
            // tag the damage made up; an IllegalArgumentException from its armor parser on bytes that merely look
            // armored, as a gzip archive can): all the same, the message cannot be read.
            throw new BackupFormatException(what + " is not a readable OpenPGP message (a damaged packet); it is"
                    + " damaged or not an encrypted backup", e);
        }
    }

    private static BackupFormatException truncated(String what, Exception e) {
        return new BackupFormatException(what + ": the encrypted data ends early; the file is truncated (a copy or"
                + " fetch that did not finish), do not restore from it", e);
    }

    /** The literal data, with the message's errors in one line and its integrity code checked at the end. */
    public static final class Decrypted extends BulkInputStream {
        private final InputStream in;
        private final InputStream message;
        private final PGPPublicKeyEncryptedData data;
        private final String fingerprint;
        private final String what;
        private boolean checked;

        Decrypted(InputStream in, InputStream message, PGPPublicKeyEncryptedData data, String fingerprint,
                String what) {
            this.in = in;
            this.message = message;
            this.data = data;
            this.fingerprint = fingerprint;
            this.what = what;
        }

        /** The fingerprint of the key (its certificate's) that the message was decrypted with. */
        public String fingerprint() {
            return fingerprint;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, len);
            } catch (EOFException e) {
                throw truncated(what, e);
            } catch (BackupFormatException e) {
                throw e;
            } catch (IOException e) {
                throw new BackupFormatException(what + ": the encrypted data is damaged (" + e.getMessage()
                        + "); do not restore from it", e);
            } catch (RuntimeException e) {
                throw new BackupFormatException(what + ": the encrypted data is damaged (a garbled packet); do not"
                        + " restore from it", e);
            }
            if (n < 0 && !checked) {
                checked = true;
                check();
            }
            return n;
        }

        private void check() throws IOException {
            boolean ok;
            try {
                ok = data.verify();
            } catch (PGPException e) {
                ok = false;
            } catch (EOFException e) {
                throw truncated(what, e);
            }
            if (!ok) {
                throw new BackupFormatException(what + ": the encrypted data fails its integrity check (it was"
                        + " altered or damaged); do not restore from it");
            }
            // gpg --decrypt fails on anything after the encrypted packet, so a file with more is not one it takes.
            if (message.read() >= 0) {
                throw new BackupFormatException(what + ": bytes after the end of the encrypted message; gpg"
                        + " refuses such a file, so it is damaged (appended to, or two files joined)");
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}

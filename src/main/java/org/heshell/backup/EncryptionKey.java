package org.heshell.backup;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.heshell.io.LocalFile;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/**
 * The OpenPGP public key a backup is encrypted to, as `gpg --armor --export KEYID` writes it (armored or binary):
 * one certificate, of which the newest subkey allowed to encrypt, neither revoked nor expired, is used.
 * {@code fingerprint} is the certificate's (its primary key's), the name gpg lists it by.
 */
public record EncryptionKey(PGPPublicKey key, String fingerprint, String userId, Path source) {
    private static final int ENCRYPTS = KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE;

    /** How the key is named in messages: its user id and fingerprint. */
    public String describe() {
        return (userId != null ? userId + " " : "") + "(" + fingerprint + ")";
    }

    /** The key in {@code file}; a file that is not one public key able to encrypt is refused in one line. */
    public static EncryptionKey load(Path file, String option) {
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        boolean secret = false;
        try (InputStream in = PGPUtil.getDecoderStream(new BufferedInputStream(LocalFile.open(file)))) {
            BcPGPObjectFactory objects = new BcPGPObjectFactory(in);
            for (Object o = objects.nextObject(); o != null; o = objects.nextObject()) {
                if (o instanceof PGPPublicKeyRing r) {
                    rings.add(r);
                } else if (o instanceof PGPSecretKeyRing) {
                    secret = true;
                } else {
                    throw notAKey(option, file, null);
                }
            }
        } catch (NoSuchFileException e) {
            throw new BackupFormatException(option + " " + file + ": no such file; give the public key file"
                    + " (gpg --armor --export KEYID > FILE)");
        } catch (IOException | RuntimeException e) {
            if (e instanceof BackupFormatException b) {
                throw b;
            }
            if (Files.isDirectory(file)) {
                throw new BackupFormatException(option + " " + file + " is a directory; give the public key file");
            }
            throw notAKey(option, file, e);
        }
        if (secret) {
            throw new BackupFormatException(option + " " + file + " holds a private key; backups are encrypted to"
                    + " the public key (gpg --armor --export KEYID > FILE), keep the private key elsewhere");
        }
        if (rings.isEmpty()) {
            throw notAKey(option, file, null);
        }
        if (rings.size() > 1) {
            throw new BackupFormatException(option + " " + file + " holds " + rings.size() + " keys; give a file"
                    + " with the one to encrypt to (gpg --armor --export KEYID > FILE)");
        }
        return of(rings.get(0), file, option);
    }

    private static BackupFormatException notAKey(String option, Path file, Exception cause) {
        return new BackupFormatException(option + " " + file + " is not an OpenPGP public key; export one with"
                + " gpg --armor --export KEYID > FILE", cause);
    }

    static EncryptionKey of(PGPPublicKeyRing ring, Path file, String option) {
        PGPPublicKey primary = ring.getPublicKey();
        String fingerprint = OpenPgp.hex(primary.getFingerprint());
        Iterator<String> ids = primary.getUserIDs();
        String userId = ids.hasNext() ? ids.next() : null;
        String name = (userId != null ? userId + " " : "") + "(" + fingerprint + ")";
        Instant now = Instant.now();
        if (primary.hasRevocation() || expired(primary, now)) {
            throw new BackupFormatException(option + " " + file + ": the key " + name + " is "
                    + (primary.hasRevocation() ? "revoked" : "expired") + "; give a valid one");
        }
        PGPPublicKey chosen = null;
        for (PGPPublicKey k : ring) {
            if (k.isEncryptionKey() && !k.hasRevocation() && !expired(k, now) && allowsEncryption(k)
                    && (chosen == null || k.getCreationTime().after(chosen.getCreationTime()))) {
                chosen = k;
            }
        }
        if (chosen == null) {
            throw new BackupFormatException(option + " " + file + ": the key " + name + " has no valid key for"
                    + " encryption (only signing, or its encryption subkey is expired or revoked); add one with gpg"
                    + " --quick-add-key " + fingerprint + " default encr");
        }
        return new EncryptionKey(chosen, fingerprint, userId, file);
    }

    private static boolean expired(PGPPublicKey k, Instant now) {
        long valid = k.getValidSeconds();
        return valid > 0 && k.getCreationTime().toInstant().plusSeconds(valid).isBefore(now);
    }

    /** What the key's signatures allow it to do; a key whose signatures say nothing is taken as its algorithm allows. */
    private static boolean allowsEncryption(PGPPublicKey k) {
        PGPSignature newest = null;
        for (Iterator<PGPSignature> it = k.getSignatures(); it.hasNext(); ) {
            PGPSignature s = it.next();
            if (s.getHashedSubPackets() != null && s.getHashedSubPackets().getKeyFlags() != 0
                    && (newest == null || s.getCreationTime().after(newest.getCreationTime()))) {
                newest = s;
            }
        }
        return newest == null || (newest.getHashedSubPackets().getKeyFlags() & ENCRYPTS) != 0;
    }
}

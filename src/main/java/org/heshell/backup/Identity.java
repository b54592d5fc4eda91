package org.heshell.backup;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import org.heshell.io.LocalFile;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bouncycastle.bcpg.SecretKeyPacket;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKey;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPBESecretKeyDecryptorBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPDigestCalculatorProvider;

/**
 * The OpenPGP private key that decrypts encrypted backups, as `gpg --armor --export-secret-keys KEYID` writes it.
 * Its passphrase is asked for only when a backup encrypted to it is read, once per command, and never kept: the
 * unlocked key lives in this object alone.
 */
public final class Identity {
    private final Path file;
    private final List<PGPSecretKeyRing> rings;
    private final PassphrasePrompt prompt;
    private final Map<Long, PGPPrivateKey> unlocked = new HashMap<>();

    private Identity(Path file, List<PGPSecretKeyRing> rings, PassphrasePrompt prompt) {
        this.file = file;
        this.rings = rings;
        this.prompt = prompt;
    }

    public Path file() {
        return file;
    }

    /** The private keys in {@code file}; anything else (a public key, an SSH key, nothing) is refused in one line. */
    public static Identity load(Path file, PassphrasePrompt prompt) {
        List<PGPSecretKeyRing> rings = new ArrayList<>();
        boolean publicOnly = false;
        try {
            if (Files.isDirectory(file)) {
                throw new BackupFormatException("--decrypt-with " + file + " is a directory; give the private key file"
                        + " (gpg --armor --export-secret-keys KEYID > FILE)");
            }
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.stream().anyMatch(p -> p.name().startsWith("GROUP") || p.name().startsWith("OTHERS"))) {
                throw new BackupFormatException("--decrypt-with " + file + " can be read by others; a private key must"
                        + " be its owner's alone: chmod 600 " + file);
            }
            try (InputStream in = PGPUtil.getDecoderStream(new BufferedInputStream(LocalFile.open(file)))) {
                BcPGPObjectFactory objects = new BcPGPObjectFactory(in);
                for (Object o = objects.nextObject(); o != null; o = objects.nextObject()) {
                    if (o instanceof PGPSecretKeyRing r) {
                        rings.add(r);
                    } else if (o instanceof PGPPublicKeyRing) {
                        publicOnly = true;
                    } else {
                        throw notAKey(file, null);
                    }
                }
            }
        } catch (NoSuchFileException e) {
            throw new BackupFormatException("--decrypt-with " + file + ": no such file; give the private key file"
                    + " (gpg --armor --export-secret-keys KEYID > FILE)");
        } catch (IOException | RuntimeException e) {
            if (e instanceof BackupFormatException b) {
                throw b;
            }
            throw notAKey(file, e);
        }
        if (rings.isEmpty()) {
            if (publicOnly) {
                throw new BackupFormatException("--decrypt-with " + file + " holds a public key only; decrypting needs"
                        + " the private key (gpg --armor --export-secret-keys KEYID > FILE)");
            }
            throw notAKey(file, null);
        }
        return new Identity(file, List.copyOf(rings), prompt);
    }

    private static BackupFormatException notAKey(Path file, Exception cause) {
        return new BackupFormatException("--decrypt-with " + file + " is not an OpenPGP private key; export one with"
                + " gpg --armor --export-secret-keys KEYID > FILE", cause);
    }

    /** The fingerprints of the keys this identity holds, as gpg lists them. */
    public List<String> fingerprints() {
        return rings.stream().map(r -> OpenPgp.hex(r.getPublicKey().getFingerprint())).toList();
    }

    /** Whether this identity holds the private key with this key id (a message names its recipients so). */
    boolean holds(long keyId) {
        return secretKey(keyId) != null;
    }

    private PGPSecretKey secretKey(long keyId) {
        for (PGPSecretKeyRing r : rings) {
            PGPSecretKey k = r.getSecretKey(keyId);
            if (k != null) {
                return k;
            }
        }
        return null;
    }

    /** The fingerprint of the certificate holding the key {@code keyId}. */
    String fingerprintOf(long keyId) {
        for (PGPSecretKeyRing r : rings) {
            if (r.getSecretKey(keyId) != null) {
                return OpenPgp.hex(r.getPublicKey().getFingerprint());
            }
        }
        return null;
    }

    private String describe(long keyId) {
        for (PGPSecretKeyRing r : rings) {
            if (r.getSecretKey(keyId) != null) {
                Iterator<String> ids = r.getPublicKey().getUserIDs();
                return (ids.hasNext() ? ids.next() + " " : "") + "(" + OpenPgp.hex(r.getPublicKey().getFingerprint())
                        + ")";
            }
        }
        return Long.toHexString(keyId).toUpperCase();
    }

    /**
     * The private key {@code keyId}, its passphrase asked for once (none is asked for a key gpg exported without
     * one). A wrong passphrase, or none to be had, is refused in one line; the passphrase is wiped after use.
     */
    PGPPrivateKey unlock(long keyId) {
        PGPPrivateKey done = unlocked.get(keyId);
        if (done != null) {
            return done;
        }
        PGPSecretKey k = secretKey(keyId);
        String name = describe(keyId);
        if (k.isPrivateKeyEmpty()) {
            throw new BackupFormatException("--decrypt-with " + file + " holds only a stub of the key " + name + " (its"
                    + " private part is on a card or was not exported); export it with gpg --armor"
                    + " --export-secret-keys");
        }
        PGPPrivateKey key;
        if (k.getS2KUsage() == SecretKeyPacket.USAGE_NONE) {
            key = extract(k, null, name);
        } else {
            char[] passphrase = prompt.ask("Passphrase for the OpenPGP key " + name + ": ");
            if (passphrase == null) {
                throw new BackupFormatException("the key " + name + " in " + file + " is protected by a passphrase"
                        + " and there is no terminal to ask it on; run heshell on a terminal or set"
                        + " HESHELL_PASSPHRASE");
            }
            try {
                key = extract(k, passphrase, name);
            } finally {
                Arrays.fill(passphrase, '\0');
            }
        }
        unlocked.put(keyId, key);
        return key;
    }

    private PGPPrivateKey extract(PGPSecretKey k, char[] passphrase, String name) {
        try {
            return k.extractPrivateKey(passphrase == null ? null
                    : new BcPBESecretKeyDecryptorBuilder(new BcPGPDigestCalculatorProvider()).build(passphrase));
        } catch (PGPException | RuntimeException e) {
            throw new BackupFormatException("wrong passphrase for the key " + name + " in " + file
                    + "; nothing was read, try again", e);
        }
    }
}

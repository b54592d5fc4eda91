package org.heshell.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.heshell.lab.LabBackups;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** heshell's OpenPGP messages against the real gpg, both ways, and every way a key or a message can be wrong. */
class OpenPgpTest {
    @TempDir
    static Path work;
    /** gpg's default key (rsa3072), with a passphrase. */
    static GpgFixture rsa;
    /** gpg's next default (ed25519 with a cv25519 subkey), without one. */
    static GpgFixture curve;
    static Path archive;

    @BeforeAll
    static void keys() throws Exception {
        rsa = GpgFixture.create(work, "rsa", "default", "correct horse");
        curve = GpgFixture.create(work, "curve", "future-default", "");
        archive = LabBackups.loaded(work);
    }

    @AfterAll
    static void agents() throws Exception {
        rsa.close();
        curve.close();
    }

    private static Path encrypt(Path clear, GpgFixture to) throws Exception {
        Path out = clear.resolveSibling(clear.getFileName() + "-" + System.nanoTime() + ".gpg");
        EncryptionKey key = EncryptionKey.load(to.publicKey, "--encrypt-to");
        try (OutputStream enc = OpenPgp.encrypt(Files.newOutputStream(out), key, clear.getFileName().toString())) {
            Files.copy(clear, enc);
        }
        return out;
    }

    private static byte[] decrypt(Path file, Identity id) throws Exception {
        try (InputStream in = OpenPgp.decrypt(Files.newInputStream(file), id, file.getFileName().toString())) {
            return in.readAllBytes();
        }
    }

    private static Identity identity(GpgFixture g, String passphrase) {
        return Identity.load(g.privateKey, prompt -> passphrase == null ? null : passphrase.toCharArray());
    }

    @Test
    void gpgDecryptsWhatHeshellEncryptsToEitherKeyType() throws Exception {
        for (GpgFixture g : new GpgFixture[] {rsa, curve}) {
            Path enc = encrypt(archive, g);
            assertTrue(OpenPgp.isMessage(enc));
            Path out = work.resolve("gpg-out-" + System.nanoTime());
            g.decrypt(enc, out);
            assertArrayEquals(Files.readAllBytes(archive), Files.readAllBytes(out));
        }
    }

    @Test
    void heshellDecryptsWhatGpgEncrypts() throws Exception {
        byte[] text = "a text gpg compresses\n".repeat(10_000).getBytes();
        Path clear = Files.write(work.resolve("text"), text);
        Path enc = work.resolve("text.gpg");
        rsa.encrypt(clear, enc);
        assertArrayEquals(text, decrypt(enc, identity(rsa, "correct horse")));
        assertArrayEquals(Files.readAllBytes(archive), decrypt(encrypt(archive, curve), identity(curve, null)));
    }

    @Test
    void largeDataStreamsThroughBothWays() throws Exception {
        byte[] data = new byte[5 << 20];
        new Random(7).nextBytes(data);
        Path clear = Files.write(work.resolve("random"), data);
        assertArrayEquals(data, decrypt(encrypt(clear, curve), identity(curve, null)));
    }

    @Test
    void aWrongKeyIsNamed() throws Exception {
        Path enc = encrypt(archive, rsa);
        BackupFormatException e = assertThrows(BackupFormatException.class, () -> decrypt(enc,
                identity(curve, null)));
        assertTrue(e.getMessage().contains("is encrypted to the key ") && e.getMessage().contains(curve.fingerprint)
                && e.getMessage().endsWith("give the private key it was encrypted to"), e.getMessage());
    }

    @Test
    void aWrongOrMissingPassphraseIsOneLine() throws Exception {
        Path enc = encrypt(archive, rsa);
        BackupFormatException wrong = assertThrows(BackupFormatException.class, () -> decrypt(enc,
                identity(rsa, "battery staple")));
        assertTrue(wrong.getMessage().startsWith("wrong passphrase for the key rsa <rsa@example.com> ("
                + rsa.fingerprint + ")"), wrong.getMessage());
        BackupFormatException none = assertThrows(BackupFormatException.class, () -> decrypt(enc,
                identity(rsa, null)));
        assertTrue(none.getMessage().contains("is protected by a passphrase and there is no terminal"),
                none.getMessage());
    }

    @Test
    void aTruncatedOrAlteredMessageIsRefused() throws Exception {
        byte[] data = new byte[1 << 20];
        new Random(3).nextBytes(data);
        Path enc = encrypt(Files.write(work.resolve("r1"), data), curve);
        byte[] whole = Files.readAllBytes(enc);
        Path cut = Files.write(work.resolve("cut.gpg"), java.util.Arrays.copyOf(whole, whole.length / 2));
        BackupFormatException t = assertThrows(BackupFormatException.class, () -> decrypt(cut,
                identity(curve, null)));
        assertTrue(t.getMessage().contains("the encrypted data ends early; the file is truncated"), t.getMessage());
        byte[] altered = whole.clone();
        altered[whole.length / 2] ^= 1;
        Path bad = Files.write(work.resolve("altered.gpg"), altered);
        BackupFormatException a = assertThrows(BackupFormatException.class, () -> decrypt(bad,
                identity(curve, null)));
        assertTrue(a.getMessage().contains("fails its integrity check"), a.getMessage());
    }

    @Test
    void keyFilesOfTheWrongKindAreRefused() throws Exception {
        Path text = Files.writeString(work.resolve("notes.txt"), "not a key\n");
        assertEquals("--encrypt-to " + text + " is not an OpenPGP public key; export one with gpg --armor --export"
                + " KEYID > FILE", assertThrows(BackupFormatException.class,
                () -> EncryptionKey.load(text, "--encrypt-to")).getMessage());
        assertTrue(assertThrows(BackupFormatException.class, () -> EncryptionKey.load(rsa.privateKey,
                "--encrypt-to")).getMessage().contains("holds a private key"));
        assertTrue(assertThrows(BackupFormatException.class, () -> EncryptionKey.load(work.resolve("none"),
                "--encrypt-to")).getMessage().contains("no such file"));
        Files.setPosixFilePermissions(text, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertTrue(assertThrows(BackupFormatException.class, () -> Identity.load(text, PassphrasePrompt.NONE))
                .getMessage().contains("is not an OpenPGP private key"));
        Path pub = Files.copy(rsa.publicKey, work.resolve("pub-as-identity.asc"));
        Files.setPosixFilePermissions(pub, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertTrue(assertThrows(BackupFormatException.class, () -> Identity.load(pub, PassphrasePrompt.NONE))
                .getMessage().contains("holds a public key only"));
        Path open = Files.copy(rsa.privateKey, work.resolve("readable.asc"));
        Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        assertTrue(assertThrows(BackupFormatException.class, () -> Identity.load(open, PassphrasePrompt.NONE))
                .getMessage().contains("can be read by others"));
    }

    @Test
    void aPlainArchiveIsNotAMessage() throws Exception {
        assertFalse(OpenPgp.isMessage(archive));
        BackupFormatException e = assertThrows(BackupFormatException.class, () -> decrypt(archive,
                identity(curve, null)));
        assertTrue(e.getMessage().contains("is not a readable OpenPGP message")
                || e.getMessage().contains("is not an OpenPGP encrypted message"), e.getMessage());
    }

    @Test
    void bytesThatLookArmoredButAreNotUtf8AreOneClearLine(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws Exception {
        // a gzip archive can begin so: Bouncy Castle then parses armor headers and meets bytes that are not UTF-8
        Path odd = tmp.resolve("odd.tar.gz");
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        b.write("-----BEGIN PGP MESSAGE-----\nComment: ".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.write(new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF, '\n', '\n'});
        Files.write(odd, b.toByteArray());
        BackupFormatException e = assertThrows(BackupFormatException.class, () -> decrypt(odd,
                identity(curve, null)));
        assertTrue(e.getMessage().startsWith("odd.tar.gz is not a readable OpenPGP message"), e.getMessage());
    }
}

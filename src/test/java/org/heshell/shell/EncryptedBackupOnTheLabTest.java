package org.heshell.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.heshell.backup.Checksums;
import org.heshell.backup.GpgFixture;
import org.heshell.backup.OpenPgp;
import org.heshell.command.CommandException;
import org.heshell.command.Result;
import org.heshell.engine.Progress;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backups encrypted at rest on the lab: taken and fetched with --encrypt-to, never clear on disk, read back by
 * inspect, verify, diff and restore plan with --decrypt-with, and decrypted by the real gpg to the engine's archive.
 */
class EncryptedBackupOnTheLabTest {
    private static final String PASSPHRASE = "correct horse";
    @TempDir
    static Path keys;
    static GpgFixture key;
    static GpgFixture other;

    @TempDir
    Path dir;

    @BeforeAll
    static void keys() throws Exception {
        key = GpgFixture.create(keys, "backups", "default", PASSPHRASE);
        other = GpgFixture.create(keys, "other", "future-default", "");
    }

    @AfterAll
    static void agents() throws Exception {
        key.close();
        other.close();
    }

    private static List<String> files(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".json") && !n.startsWith("."))
                    .sorted().toList();
        }
    }

    private static CommandException fails(ShellFixture shell, String... argv) {
        return assertThrows(CommandException.class, () -> shell.commands.execute(List.of(argv)));
    }

    @Test
    void anEncryptedBackupIsTakenInspectedVerifiedPlannedAndDecryptedByGpg() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            shell.lab.lab().awaitMachines();
            List<String> asked = new ArrayList<>();
            shell.ctx.setPassphrases(prompt -> {
                asked.add(prompt);
                return PASSPHRASE.toCharArray();
            });
            List<String> steps = new ArrayList<>();
            shell.ctx.setProgress(new Progress() {
                public void status(String line) {
                }

                public void step(String line) {
                    steps.add(line);
                }
            });
            Result.BackupRecorded r = (Result.BackupRecorded) shell.commands.execute(List.of("backup", "create",
                    "--encrypt-to", key.publicKey.toString()));
            var e = r.entry();
            assertTrue(e.verified() && e.encrypted(), e.toString());
            assertEquals(key.fingerprint, e.encryptedTo());
            assertEquals(5, r.contents().verifiedEntries().size(), "the entries were checked as they came");
            assertTrue(asked.isEmpty(), "encrypting needs no passphrase");
            assertTrue(steps.stream().anyMatch(s -> s.contains("encrypting it to backups <backups@example.com> ("
                    + key.fingerprint + ") as it comes")), steps.toString());
            // Only the encrypted file is on disk, private, named after the archive; no clear or partial copy.
            Path file = e.file();
            assertEquals(List.of("heshell-" + e.id() + ".tar.gz.gpg"), files(dir.resolve("backups")));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertTrue(OpenPgp.isMessage(file));
            assertEquals(Checksums.sha256(file), e.fileSha256());

            // The real gpg gives back the engine's archive: its sha256 is the engine's, and the bytes are those
            // of the same archive fetched in the clear.
            Path clear = Files.createDirectory(dir.resolve("clear"));
            Result.BackupRecorded plain = (Result.BackupRecorded) shell.commands.execute(List.of("backup", "fetch",
                    e.source().substring(e.source().indexOf(':') + 1), "--to", clear.toString()));
            Path decrypted = dir.resolve("gpg-decrypted.tar.gz");
            key.decrypt(file, decrypted);
            assertArrayEquals(Files.readAllBytes(plain.entry().file()), Files.readAllBytes(decrypted));
            assertEquals(e.sha256(), Checksums.sha256(decrypted));
            assertEquals(plain.entry().sha256(), e.sha256());
            // backup list says which backups are encrypted, in text and JSON (with the key there).
            List<String> listed = shell.run(false, "backup list")[0].lines().toList();
            assertTrue(listed.get(0).matches("ID +DATE +ENGINE +VERSION +SIZE +VERIFIED +ENC +FAILOVER HOST +COPIES"),
                    listed.get(0));
            assertTrue(listed.stream().anyMatch(l -> l.startsWith(e.id() + " ") && l.matches(".* yes +yes +- +none")),
                    String.join("\n", listed));
            assertTrue(listed.stream().anyMatch(l -> l.startsWith(plain.entry().id() + " ")
                    && l.matches(".* yes +no +- +none")), String.join("\n", listed));
            String json = shell.run(true, "backup list")[0];
            assertTrue(json.contains("\"encrypted\":true,\"encryptedTo\":\"" + key.fingerprint + "\"")
                    && json.contains("\"encrypted\":false,\"encryptedTo\":null"), json);

            String id = e.id();
            assertTrue(fails(shell, "backup", "inspect", id).getMessage().endsWith(" is an encrypted backup"
                    + " (OpenPGP, to the key " + OpenPgp.recipients(file).get(0) + "); give its private key with"
                    + " --decrypt-with KEY"));
            Result.BackupInspected i = (Result.BackupInspected) shell.commands.execute(List.of("backup", "inspect",
                    id, "--decrypt-with", key.privateKey.toString()));
            assertEquals("Host 2", i.contents().environment().engineHost().orElseThrow().name());
            assertEquals(key.fingerprint, i.contents().encryptedTo());
            assertEquals(1, asked.size());
            assertTrue(asked.get(0).startsWith("Passphrase for the OpenPGP key backups <backups@example.com>"),
                    asked.toString());

            CommandException noKey = fails(shell, "backup", "verify", id);
            assertTrue(noKey.getMessage().contains("its file is as fetched (sha256 matches)")
                    && noKey.getMessage().endsWith("give the private key with --decrypt-with KEY"), noKey.getMessage());
            Result.BackupVerified v = (Result.BackupVerified) shell.commands.execute(List.of("backup", "verify", id,
                    "--decrypt-with", key.privateKey.toString()));
            assertTrue(v.recordedHashChecked());
            String[] shown = shell.run(false, "backup verify " + id + " --decrypt-with " + key.privateKey);
            assertTrue(shown[0].contains("decrypted with the key " + key.fingerprint + ", to the archive the engine"
                    + " wrote (its sha256)"), shown[0] + shown[1]);

            Result.Diff d = (Result.Diff) shell.commands.execute(List.of("backup", "diff", id, "live", "--decrypt-with",
                    key.privateKey.toString()));
            assertTrue(d.diff().isEmpty(), d.toString());

            Result.RestorePlanned p = (Result.RestorePlanned) shell.commands.execute(List.of("preflight", id,
                    "--deploy-on", "Host 1", "--decrypt-with", key.privateKey.toString()));
            assertTrue(p.plan().findings().stream().anyMatch(f -> f.rule().equals("verified")
                    && f.level() == org.heshell.restore.Finding.Level.OK), p.plan().findings().toString());
            assertEquals(file, p.plan().backupFile());

            // A copy off the engine stays encrypted: the same bytes, checked by the encrypted file's sha256.
            Path far = Files.createDirectory(dir.resolve("far"));
            shell.commands.execute(List.of("backup", "copy", id, "--to", far.toString()));
            assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(far.resolve(file.getFileName())));
            shell.commands.execute(List.of("backup", "verify", id, "--decrypt-with", key.privateKey.toString()));
        }
    }

    @Test
    void aWrongKeyPassphraseOrFileIsOneLineAndChangesNothing() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            shell.lab.lab().awaitMachines();
            Path text = Files.writeString(dir.resolve("key.txt"), "not a key\n");
            CommandException notKey = fails(shell, "backup", "create", "--encrypt-to", text.toString());
            assertEquals("--encrypt-to " + text + " is not an OpenPGP public key; export one with gpg --armor"
                    + " --export KEYID > FILE", notKey.getMessage());
            assertFalse(Files.exists(dir.resolve("backups")) && !files(dir.resolve("backups")).isEmpty(),
                    "nothing was taken");

            Result.BackupRecorded r = (Result.BackupRecorded) shell.commands.execute(List.of("backup", "create",
                    "--encrypt-to", key.publicKey.toString()));
            String id = r.entry().id();
            shell.ctx.setPassphrases(prompt -> "battery staple".toCharArray());
            CommandException wrong = fails(shell, "backup", "verify", id, "--decrypt-with", key.privateKey.toString());
            assertTrue(wrong.getMessage().startsWith("wrong passphrase for the key backups"), wrong.getMessage());
            CommandException otherKey = fails(shell, "backup", "inspect", id, "--decrypt-with",
                    other.privateKey.toString());
            assertTrue(otherKey.getMessage().contains("holds " + other.fingerprint + "; give the private key it was"
                    + " encrypted to"), otherKey.getMessage());
            CommandException missing = fails(shell, "backup", "inspect", id, "--decrypt-with",
                    dir.resolve("nokey.asc").toString());
            assertTrue(missing.getMessage().startsWith("--decrypt-with " + dir.resolve("nokey.asc") + ": no such file"),
                    missing.getMessage());
            assertTrue(((Result.BackupList) shell.commands.execute(List.of("backup", "list"))).entries().get(0)
                    .verified(), "a key problem is not the backup's");

            // A truncated encrypted file, given by path.
            byte[] whole = Files.readAllBytes(r.entry().file());
            Path cut = Files.write(dir.resolve("cut.tar.gz.gpg"), java.util.Arrays.copyOf(whole, whole.length - 40));
            shell.ctx.setPassphrases(prompt -> PASSPHRASE.toCharArray());
            CommandException truncated = fails(shell, "backup", "inspect", cut.toString(), "--decrypt-with",
                    key.privateKey.toString());
            assertTrue(truncated.getMessage().contains("the encrypted data ends early; the file is truncated")
                    || truncated.getMessage().contains("fails its integrity check"), truncated.getMessage());

            // A fetch broken on the way keeps nothing (an encrypted part cannot be resumed) and says so.
            shell.commands.execute(List.of("lab", "fault", "drop-connection", "after", "2000"));
            CommandException broken = fails(shell, "backup", "create", "--encrypt-to", key.publicKey.toString());
            shell.commands.execute(List.of("lab", "fault", "clear"));
            assertTrue(broken.getMessage().contains("nothing was kept (an encrypted download cannot be resumed); `backup"
                    + " fetch "), broken.getMessage());
            assertTrue(broken.getMessage().contains(" --encrypt-to " + key.publicKey + "` fetches it again"),
                    broken.getMessage());
            assertEquals(List.of(r.entry().file().getFileName().toString()), files(dir.resolve("backups")));

            // A key configured once (~/.heshell/encrypt-to.asc) encrypts every backup without the option.
            Files.copy(other.publicKey, dir.resolve("encrypt-to.asc"));
            Result.BackupRecorded configured = (Result.BackupRecorded) shell.commands.execute(List.of("backup",
                    "create"));
            assertEquals(other.fingerprint, configured.entry().encryptedTo());
            assertTrue(OpenPgp.isMessage(configured.entry().file()));
        }
    }

    /** A command that reads one encrypted backup three times, as restore-she does with preflight, plan and run. */
    @picocli.CommandLine.Command(name = "read-thrice")
    public static final class ReadThrice extends org.heshell.command.ComposedCommand {
        @picocli.CommandLine.Parameters(index = "0")
        String id;

        @picocli.CommandLine.Parameters(index = "1")
        String keyFile;

        @Override
        public Object call() {
            run("backup", "inspect", id, "--decrypt-with", keyFile);
            run("backup", "verify", id, "--decrypt-with", keyFile);
            return run("backup", "diff", id, "live", "--decrypt-with", keyFile);
        }
    }

    @Test
    void thePassphraseIsAskedOncePerCommandHoweverOftenItReadsTheBackup() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            shell.lab.lab().awaitMachines();
            shell.commands.add(ReadThrice.class);
            String id = ((Result.BackupRecorded) shell.commands.execute(List.of("backup", "create", "--encrypt-to",
                    key.publicKey.toString()))).entry().id();
            List<String> asked = new ArrayList<>();
            shell.ctx.setPassphrases(prompt -> {
                asked.add(prompt);
                return PASSPHRASE.toCharArray();
            });
            shell.commands.execute(List.of("read-thrice", id, key.privateKey.toString()));
            assertEquals(1, asked.size(), "one prompt for three reads in one command: " + asked);
            shell.commands.execute(List.of("backup", "verify", id, "--decrypt-with", key.privateKey.toString()));
            assertEquals(2, asked.size(), "the next command asks again: the unlocked key was not kept");

            // A wrong passphrase: one line, the command fails, the backup stays verified.
            shell.ctx.setPassphrases(prompt -> "battery staple".toCharArray());
            CommandException wrong = fails(shell, "read-thrice", id, key.privateKey.toString());
            assertTrue(wrong.getMessage().startsWith("wrong passphrase for the key backups <backups@example.com>")
                    && !wrong.getMessage().contains("\n"), wrong.getMessage());
            assertTrue(((Result.BackupList) shell.commands.execute(List.of("backup", "list"))).entries().get(0)
                    .verified());
        }
    }

    @Test
    void theSshKeysOptionNameIsNotTakenForTheOpenPgpKey() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            for (List<String> argv : List.of(List.of("backup", "inspect", "x", "--identity", "k.asc"),
                    List.of("restore", "plan", "x", "--deploy-on", "Host 1", "--identity", "k.asc"))) {
                CommandException e = assertThrows(CommandException.class, () -> shell.commands.execute(argv));
                assertEquals(2, e.exitCode());
                assertTrue(e.getMessage().startsWith("--identity is the SSH key, given when heshell starts"
                        + " (./shell --identity FILE); the OpenPGP private key that decrypts a backup is --decrypt-with"
                        + " k.asc"), e.getMessage());
            }
            String help = shell.run(false, "help backup inspect")[0];
            assertTrue(help.contains("--decrypt-with=KEY") && !help.contains("--identity"), help);
        }
    }
}

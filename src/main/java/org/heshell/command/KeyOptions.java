package org.heshell.command;

import java.nio.file.Path;
import org.heshell.backup.EncryptionKey;
import org.heshell.backup.Identity;
import picocli.CommandLine.Option;

/** The OpenPGP options of the commands that write backups (--encrypt-to) and of those that read them (--identity). */
final class KeyOptions {
    private KeyOptions() {
    }

    /** --encrypt-to: the public key a backup written on heshell's side is encrypted to as it arrives. */
    static final class EncryptTo {
        @Option(names = "--encrypt-to", paramLabel = "KEY", description = "Encrypt the backup as it arrives to"
                + " this OpenPGP public key file (gpg --armor --export KEYID > FILE); no clear copy is written, and"
                + " gpg --decrypt recovers the archive.")
        Path file;

        /** The key, loaded and checked before anything is changed; null when none was asked for. */
        EncryptionKey key() {
            return file == null ? null : EncryptionKey.load(file, "--encrypt-to");
        }
    }

    /** --identity: the private key that decrypts an encrypted backup, its passphrase asked for at a prompt. */
    static final class Decrypt {
        @Option(names = "--identity", paramLabel = "FILE", description = "The OpenPGP private key that decrypts an"
                + " encrypted backup (gpg --armor --export-secret-keys KEYID > FILE, chmod 600); its passphrase is"
                + " asked for on the terminal, never taken as an argument.")
        Path file;

        /** The identity, or null when none was given (a clear backup needs none). */
        Identity identity(CommandContext ctx) {
            return file == null ? null : Identity.load(file, ctx.passphrases());
        }
    }
}

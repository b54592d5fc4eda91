package org.heshell.command;

import java.nio.file.Path;
import org.heshell.backup.EncryptionKey;
import org.heshell.backup.Identity;
import picocli.CommandLine.Option;

/**
 * The OpenPGP options of the commands that write backups (--encrypt-to KEY) and of those that read them
 * (--decrypt-with KEY). Not "--identity": that is the launcher's SSH key, as in ssh -i and IdentityFile.
 */
final class KeyOptions {
    private KeyOptions() {
    }

    /** The key configured once for every backup: ~/.heshell/encrypt-to.asc, beside the catalog. */
    static Path configured(org.heshell.backup.Catalog catalog) {
        return catalog.dir().resolveSibling("encrypt-to.asc");
    }

    /**
     * --encrypt-to: the public key a backup written on heshell's side is encrypted to as it arrives; without it,
     * the key configured in ~/.heshell/encrypt-to.asc when there is one.
     */
    static final class EncryptTo {
        @Option(names = "--encrypt-to", paramLabel = "KEY", description = "Encrypt the backup as it arrives to"
                + " this OpenPGP public key file (gpg --armor --export KEYID > FILE; default: ~/.heshell/"
                + "encrypt-to.asc when it exists); no clear copy is written, and gpg --decrypt recovers the archive.")
        Path file;

        /** The key, loaded and checked before anything is changed; null when none was asked for or configured. */
        EncryptionKey key(org.heshell.backup.Catalog catalog) {
            if (file != null) {
                return EncryptionKey.load(file, "--encrypt-to");
            }
            Path configured = configured(catalog);
            return java.nio.file.Files.exists(configured) ? EncryptionKey.load(configured, "the configured key")
                    : null;
        }
    }

    /**
     * --decrypt-with: the private key that decrypts an encrypted backup, its passphrase asked for once per command
     * (see {@link CommandContext#identity}). The old name --identity is refused in one line naming both keys.
     */
    static final class Decrypt {
        @Option(names = "--decrypt-with", paramLabel = "KEY", completionCandidates = FileNames.class,
                description = "The OpenPGP private key file that decrypts an encrypted backup (gpg --armor"
                + " --export-secret-keys KEYID > FILE, chmod 600); its passphrase is asked for once per command on"
                + " the terminal (or taken from HESHELL_PASSPHRASE), never as an argument.")
        Path file;

        @Option(names = "--identity", hidden = true, paramLabel = "FILE")
        void sshKeyName(Path given) {
            throw new CommandException("--identity is the SSH key, given when heshell starts (./shell --identity"
                    + " FILE); the OpenPGP private key that decrypts a backup is --decrypt-with " + given, 2, null);
        }

        /** The identity, or null when none was given (a clear backup needs none). */
        Identity identity(CommandContext ctx) {
            return file == null ? null : ctx.identity(file);
        }
    }
}

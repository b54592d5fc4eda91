package org.heshell.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.function.Supplier;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.server.auth.pubkey.KeySetPublickeyAuthenticator;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * One lab machine's SSH server on a loopback port: its persistent host key, key authentication against the lab's
 * authorized keys, SFTP rooted in the machine's directory, and commands answered by its {@link LabShell}.
 */
final class LabSshServer implements AutoCloseable {
    private final SshServer server;
    private final KeyPair hostKey;

    LabSshServer(Path hostKeyFile, Path authorizedKeys, Path root, LabShell shell, Supplier<LabFaults> faults)
            throws IOException {
        SimpleGeneratorHostKeyProvider keys = new SimpleGeneratorHostKeyProvider(hostKeyFile);
        keys.setAlgorithm("EC");
        keys.setKeySize(256);
        hostKey = keys.loadKeys(null).iterator().next();
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(keys);
        // The keys are read once, here: MINA's file-watching authenticator loads the file lazily on the first logins,
        // and several first logins at once (two backups started together) saw it half-loaded and refused the key.
        try {
            server.setPublickeyAuthenticator(new KeySetPublickeyAuthenticator(authorizedKeys,
                    PublicKeyEntry.resolvePublicKeyEntries(null, AuthorizedKeyEntry.readAuthorizedKeys(authorizedKeys),
                            PublicKeyEntryResolver.FAILING)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException("cannot read the lab's authorized keys " + authorizedKeys + ": " + e.getMessage(), e);
        }
        server.setPasswordAuthenticator(null);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setFileSystemFactory(new VirtualFileSystemFactory(root));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory.Builder()
                .withFileSystemAccessor(new FaultyFiles(faults)).build()));
        server.setCommandFactory((channel, command) -> new ShellCommand(command, shell));
        server.start();
    }

    int port() {
        return server.getPort();
    }

    KeyPair hostKey() {
        return hostKey;
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }

    /** One exec request, run on its own thread as MINA expects. */
    private static final class ShellCommand implements Command {
        private final String line;
        private final LabShell shell;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        ShellCommand(String line, LabShell shell) {
            this.line = line;
            this.shell = shell;
        }

        @Override
        public void setInputStream(InputStream in) {
            // no lab command reads its input
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            Thread t = new Thread(() -> {
                int code;
                try {
                    code = shell.run(line, out, err);
                } catch (IOException | RuntimeException e) {
                    try {
                        err.write(("lab: " + e.getMessage() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    } catch (IOException ignored) {
                        // the channel is gone
                    }
                    code = 1;
                }
                try {
                    out.flush();
                    err.flush();
                } catch (IOException ignored) {
                    // the channel is gone
                }
                exit.onExit(code);
            }, "lab-ssh-exec");
            t.setDaemon(true);
            t.start();
        }

        @Override
        public void destroy(ChannelSession channel) {
        }
    }
}

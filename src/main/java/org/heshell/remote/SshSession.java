package org.heshell.remote;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.function.Consumer;
import com.hierynomus.sshj.transport.cipher.BlockCiphers;
import com.hierynomus.sshj.transport.cipher.GcmCiphers;
import com.hierynomus.sshj.transport.mac.Macs;
import java.security.Security;
import java.util.ArrayList;
import java.util.List;
import net.schmizz.sshj.DefaultConfig;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import net.schmizz.sshj.common.Factory;
import net.schmizz.sshj.common.SecurityUtils;
import net.schmizz.sshj.transport.cipher.Cipher;
import net.schmizz.sshj.transport.mac.MAC;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.transport.TransportException;
import net.schmizz.sshj.userauth.UserAuthException;

/** A logged-in SSH connection to one machine through sshj: run commands and stream what they print. */
public final class SshSession implements AutoCloseable {
    private static final int CONNECT_TIMEOUT_MS = 15_000;
    private static final int READ_TIMEOUT_MS = 120_000;
    private static final int KEEP_ALIVE_SECONDS = 15;
    /**
     * The receive window each channel offers. sshj's 2 MiB drains before its window adjustments come back, so a
     * fetch stalls on every round trip; 16 MiB lets it run at OpenSSH's speed (bench/sftp-fetch).
     */
    private static final long WINDOW_BYTES = 16L << 20;
    /**
     * The largest packet the server may send on a channel. sshj offers 32 KiB; 128 KiB halves the per-packet work
     * on both ends (+20% on a 1 GiB fetch, bench/sftp-fetch) and stays under sshj's 256 KiB packet limit.
     */
    private static final int MAX_PACKET_BYTES = 128 << 10;

    private final SshTarget target;
    private final SSHClient ssh;

    private SshSession(SshTarget target, SSHClient ssh) {
        this.target = target;
        this.ssh = ssh;
    }

    /**
     * Connects with strict host key checking against {@code known} and logs in with the target's key (or the
     * user's ~/.ssh keys). {@code ask} confirms an unknown key on a terminal; null when there is none.
     */
    public static SshSession open(SshTarget target, KnownHosts known, boolean acceptNewHostKey,
                                  BiPredicate<String, String> ask) {
        SSHClient ssh = new SSHClient(config());
        HostKeyPolicy policy = new HostKeyPolicy(target.name(), known, acceptNewHostKey, ask);
        ssh.addHostKeyVerifier(policy);
        ssh.setConnectTimeout(CONNECT_TIMEOUT_MS);
        ssh.setTimeout(READ_TIMEOUT_MS);
        ssh.getConnection().setWindowSize(WINDOW_BYTES);
        ssh.getConnection().setMaxPacketSize(MAX_PACKET_BYTES);
        String where = target.name() + (target.host().equals(target.name()) && target.port() == 22 ? ""
                : " (" + target.host() + ":" + target.port() + ")");
        try {
            ssh.connect(target.host(), target.port());
            ssh.getConnection().getKeepAlive().setKeepAliveInterval(KEEP_ALIVE_SECONDS);
            if (target.identity() != null) {
                ssh.authPublickey(target.user(), ssh.loadKeys(target.identity().toString()));
            } else {
                ssh.authPublickey(target.user());
            }
            return new SshSession(target, ssh);
        } catch (UserAuthException e) {
            close(ssh);
            throw new RemoteException("cannot log in to " + target.name() + " as " + target.user() + ": the key "
                    + (target.identity() == null ? "in ~/.ssh" : target.identity()) + " was refused; authorize it in"
                    + " ~" + target.user() + "/.ssh/authorized_keys there, or give another with --identity", e);
        } catch (TransportException e) {
            close(ssh);
            if (policy.refusal() != null) {
                throw new RemoteException("refusing to connect to " + target.name() + ": " + policy.refusal(), e);
            }
            throw new RemoteException("cannot connect to " + where + ": " + e.getMessage(), e);
        } catch (ConnectException e) {
            close(ssh);
            throw new RemoteException("cannot connect to " + where + ": connection refused; is sshd running there?",
                    e);
        } catch (UnknownHostException e) {
            close(ssh);
            throw new RemoteException("cannot connect to " + target.name() + ": '" + target.host()
                    + "' does not resolve; check DNS or the SSH configuration", e);
        } catch (SocketTimeoutException e) {
            close(ssh);
            throw new RemoteException("cannot connect to " + where + ": no answer in " + CONNECT_TIMEOUT_MS / 1000
                    + " s; check the network and firewall", e);
        } catch (IOException e) {
            close(ssh);
            throw new RemoteException("cannot connect to " + where + ": " + e.getMessage(), e);
        }
    }

    /**
     * sshj's defaults, but AES-GCM first, then AES-CTR with HMAC-SHA2-256 (encrypt-then-MAC), all from the JDK's
     * providers. GCM encrypts and authenticates in one pass on AES-NI and carry-less-multiply intrinsics, where CTR
     * needs a second pass of SHA-256 for its MAC (a third of a large fetch's CPU); sshj's default
     * ChaCha20-Poly1305 runs in Bouncy Castle's plain Java. GCM is also not open to Terrapin (CVE-2023-48795).
     */
    static DefaultConfig config() {
        // Bouncy Castle last among the providers: the JDK serves what it has, BC the rest (e.g. "ECDSA" keys).
        SecurityUtils.setRegisterBouncyCastle(false);
        SecurityUtils.setSecurityProvider(null);
        if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
            Security.addProvider(new BouncyCastleProvider());
        }
        DefaultConfig c = new DefaultConfig();
        List<Factory.Named<Cipher>> ciphers = new ArrayList<>(List.of(GcmCiphers.AES128GCM(),
                GcmCiphers.AES256GCM(), BlockCiphers.AES128CTR(), BlockCiphers.AES256CTR()));
        c.getCipherFactories().stream().filter(f -> !f.getName().endsWith("-ctr") && !f.getName().contains("gcm"))
                .forEach(ciphers::add);
        c.setCipherFactories(ciphers);
        List<Factory.Named<MAC>> macs = new ArrayList<>(List.of(Macs.HMACSHA2256Etm(), Macs.HMACSHA2256()));
        c.getMACFactories().stream().filter(f -> !f.getName().contains("sha2-256")).forEach(macs::add);
        c.setMACFactories(macs);
        return c;
    }

    public SshTarget target() {
        return target;
    }

    /** Runs {@code command}, handing each line of its output and of its errors as it comes; returns the exit code. */
    public int exec(String command, Consumer<String> out, Consumer<String> err) {
        try (Session session = ssh.startSession()) {
            Session.Command cmd = session.exec(command);
            Thread errors = new Thread(() -> lines(cmd.getErrorStream(), err), "ssh-stderr");
            errors.setDaemon(true);
            errors.start();
            lines(cmd.getInputStream(), out);
            errors.join(READ_TIMEOUT_MS);
            cmd.join(READ_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Integer status = cmd.getExitStatus();
            if (status == null) {
                throw new RemoteException("`" + command + "` on " + target.name() + " ended without an exit status"
                        + (cmd.getExitSignal() == null ? "" : " (signal " + cmd.getExitSignal() + ")"));
            }
            return status;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RemoteException("stopped waiting for `" + command + "` on " + target.name()
                    + "; it may still be running there", e);
        } catch (IOException e) {
            throw new RemoteException("running `" + command + "` on " + target.name() + " failed: " + e.getMessage(),
                    e);
        }
    }

    /** An SFTP channel on this connection; the caller closes it. */
    public SFTPClient sftp() {
        try {
            return ssh.newSFTPClient();
        } catch (IOException e) {
            throw new RemoteException("cannot open SFTP to " + target.name() + " (" + e.getMessage()
                    + "); is the sftp subsystem enabled in its sshd_config?", e);
        }
    }

    /**
     * The SHA-256 of a file there, in hex. OpenSSL's digest where it is installed (it uses the CPU's SHA
     * instructions: ~5× coreutils' sha256sum on the bench machine, and the remote side hashes while heshell
     * downloads), else `sha256sum`: the same digest either way.
     */
    public String sha256(String path) {
        String file = quote(path);
        return checksum("openssl dgst -sha256 -r " + file + " 2>/dev/null || sha256sum " + file, path);
    }

    /** The SHA-256 of a file's first {@code bytes} bytes there, as `head -c N FILE | sha256sum` gives it. */
    public String sha256(String path, long bytes) {
        return checksum("head -c " + bytes + " " + quote(path) + " | sha256sum", path);
    }

    private String checksum(String command, String path) {
        Output o = run(command);
        String[] words = o.out().strip().split("\\s+");
        if (o.code() != 0 || words.length == 0 || !words[0].matches("[0-9a-f]{64}")) {
            throw new RemoteException("cannot checksum " + target.name() + ":" + path + " there (`" + command
                    + "` exited " + o.code() + ": " + o.err().strip() + ")");
        }
        return words[0];
    }

    /** {@code word} quoted for the remote shell, so that spaces and quotes in it stay one word. */
    public static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /** What a command printed and how it ended. */
    public record Output(int code, String out, String err) {
    }

    /** Runs {@code command} and collects what it prints (for short outputs such as checksums). */
    public Output run(String command) {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int code = exec(command, l -> out.append(l).append('\n'), l -> err.append(l).append('\n'));
        return new Output(code, out.toString(), err.toString());
    }

    private static void lines(InputStream in, Consumer<String> sink) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                sink.accept(line);
            }
        } catch (IOException e) {
            // the channel closed; the exit status tells the rest
        }
    }

    private static void close(SSHClient ssh) {
        try {
            ssh.close();
        } catch (IOException ignored) {
            // nothing more to do with a connection that failed
        }
    }

    @Override
    public void close() {
        close(ssh);
    }
}

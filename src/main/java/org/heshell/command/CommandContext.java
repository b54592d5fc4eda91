package org.heshell.command;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.heshell.engine.EngineException;
import org.heshell.engine.EngineSession;
import org.heshell.engine.Progress;
import org.heshell.model.Environment;
import org.heshell.model.Host;
import org.heshell.model.Vm;

/**
 * What commands share within one shell: the Manager connection, the last environment read (which completion
 * uses, so TAB never waits on the network), the progress sink, and how to connect elsewhere.
 */
public final class CommandContext implements AutoCloseable {
    private final Connector connector;
    private Supplier<EngineSession> connect;
    private volatile EngineSession engine;
    private volatile Environment lastKnown;
    private volatile Progress progress = Progress.NONE;
    private volatile org.heshell.backup.PassphrasePrompt passphrases = org.heshell.backup.PassphrasePrompt.NONE;
    /**
     * The private keys given to the command running now and to the commands it runs (restore-she's preflight,
     * restore plan and run), each unlocked at most once; forgotten when that outermost command ends.
     */
    private final java.util.Map<java.nio.file.Path, org.heshell.backup.Identity> identities = new java.util.HashMap<>();
    private int depth;

    public CommandContext(Connector connector, EngineSession engine) {
        this.connector = connector;
        this.engine = engine;
    }

    /** A context that connects on first need, so commands that need no Manager never wait for one. */
    public CommandContext(Connector connector, Supplier<EngineSession> connect) {
        this.connector = connector;
        this.connect = connect;
    }

    public synchronized EngineSession engine() {
        if (engine == null && connect != null) {
            // A failure leaves `connect` in place: the next command tries again (a restore waits for the engine
            // to come back this way).
            engine = connect.get();
        }
        if (engine == null) {
            throw new CommandException("not connected to a Manager; use `connect`");
        }
        return engine;
    }

    /** Whether a session to the Manager is open now (false before the first login, or after it stopped answering). */
    public boolean connected() {
        return engine != null;
    }

    /** What the prompt names: the Manager in use (another after `connect --engine NAME`), else {@code before}. */
    public String label(String before) {
        EngineSession e = engine;
        return e == null ? before : e.target().label();
    }

    /** Whether a Manager can be asked at all: connected, or a way to connect was given. */
    public synchronized boolean canConnect() {
        return engine != null || connect != null;
    }

    public Connector connector() {
        return connector;
    }

    /** Replaces the connection, closing the old one. */
    public synchronized void use(EngineSession session) {
        connect = null;
        EngineSession old = engine;
        engine = session;
        lastKnown = null;
        if (old != null && old != session) {
            old.close();
        }
    }

    /**
     * Logs out of the current Manager (connecting first when a token is kept, so that it is revoked too); the next
     * command that needs the Manager logs in again. What was logged out of.
     */
    public synchronized org.heshell.engine.EngineTarget logout() {
        EngineSession session = engine();
        engine = null;
        lastKnown = null;
        session.logout();
        return session.target();
    }

    /** The environment as the Manager reports it now. */
    public Environment refresh() {
        EngineSession session = engine();
        try {
            Environment env = session.read();
            lastKnown = env;
            return env;
        } catch (EngineException e) {
            if (e.unreachable()) {
                forget(session);
            }
            throw e;
        }
    }

    /**
     * Drops a session to a Manager that stopped answering, so the next command logs in afresh: a restored engine
     * is a new one, and the SDK does not give back the connections its failed requests held.
     */
    private synchronized void forget(EngineSession session) {
        if (engine == session && connect != null) {
            engine = null;
            session.close();
        }
    }

    /** Drops the session to a Manager that is known to be gone (a stopped lab): the next command logs in afresh. */
    public synchronized void dropSession() {
        if (engine != null) {
            forget(engine);
        }
    }

    /** The environment as last read, for completion; empty before the first read. */
    public Optional<Environment> lastKnown() {
        return Optional.ofNullable(lastKnown);
    }

    void remember(Environment env) {
        lastKnown = env;
    }

    public Progress progress() {
        return progress;
    }

    public void setProgress(Progress progress) {
        this.progress = progress == null ? Progress.NONE : progress;
    }

    /** Where a private key's passphrase is asked for (the terminal); NONE when nowhere. */
    public org.heshell.backup.PassphrasePrompt passphrases() {
        return passphrases;
    }

    /**
     * The private key in {@code file} for this command: loaded (and its passphrase asked for) once, however many
     * times the command and the commands it runs read encrypted backups with it. Never written anywhere.
     */
    public synchronized org.heshell.backup.Identity identity(java.nio.file.Path file) {
        java.nio.file.Path key = file.toAbsolutePath().normalize();
        org.heshell.backup.Identity known = identities.get(key);
        if (known == null) {
            known = org.heshell.backup.Identity.load(file, passphrases);
            if (depth > 0) {
                identities.put(key, known);
            }
        }
        return known;
    }

    /** A command begins (one run inside another counts as part of it). */
    synchronized void commandStarted() {
        depth++;
    }

    /** A command ended: when it was the outermost, the private keys it unlocked are dropped. */
    synchronized void commandEnded() {
        if (--depth <= 0) {
            depth = 0;
            identities.clear();
        }
    }

    public void setPassphrases(org.heshell.backup.PassphrasePrompt prompt) {
        this.passphrases = prompt == null ? org.heshell.backup.PassphrasePrompt.NONE : prompt;
    }

    /** The host known by this name, FQDN or IP, or a clear error naming the closest matches. */
    public Host host(Environment env, String identifier) {
        Optional<Host> exact = env.findHost(identifier);
        if (exact.isPresent()) {
            return exact.get();
        }
        List<Host> loose = env.hosts().stream().filter(h -> h.name().equalsIgnoreCase(identifier)).toList();
        if (loose.size() == 1) {
            return loose.get(0);
        }
        List<String> names = env.hosts().stream().flatMap(h -> Stream.of(h.name(), h.address())).toList();
        throw new CommandException("no host '" + identifier + "' in " + env.engineFqdn() + "; closest: "
                + String.join(", ", Suggestions.closest(identifier, names, 3)) + " (`hosts` lists them all)");
    }

    public Vm vm(Environment env, String name) {
        return env.findVm(name).orElseThrow(() -> new CommandException("no VM '" + name + "' in "
                + env.engineFqdn() + "; closest: " + String.join(", ", Suggestions.closest(name,
                env.vms().stream().map(Vm::name).toList(), 3)) + " (`vms` lists them all)"));
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.close();
        }
    }
}

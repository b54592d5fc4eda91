package org.heshell.shell;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import org.heshell.command.CommandException;
import org.heshell.command.Connector;
import org.heshell.engine.EngineSession;
import org.heshell.engine.EngineTarget;
import org.heshell.lab.Lab;
import org.heshell.lab.LabEndpoint;
import org.heshell.lab.LabScenario;

/**
 * Opens engine sessions for the shell: to its lab, started (or joined, when another process serves it) on first
 * use, or to a real Manager. Nothing is started for commands that never need a Manager.
 */
final class Connections implements Connector, AutoCloseable {
    private final Path labDir;
    private final Lab.Settings labSettings;
    private final PasswordSource passwords;
    private LabEndpoint endpoint;
    private Lab served;

    /** {@code labDir} null: this shell has no lab. */
    Connections(Path labDir, Lab.Settings labSettings, PasswordSource passwords) {
        this.labDir = labDir;
        this.labSettings = labSettings;
        this.passwords = passwords;
    }

    /** Connections to a lab already served at {@code endpoint}. */
    Connections(LabEndpoint endpoint, PasswordSource passwords) {
        this(null, null, passwords);
        this.endpoint = endpoint;
    }

    @Override
    public EngineSession engine(String url, String user, Path caFile, boolean insecure, Path passwordFile) {
        EngineTarget target;
        try {
            target = new EngineTarget(url, user, caFile, insecure, null, false);
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage(), 2, e);
        }
        target = new EngineTarget(url, user, caFile, insecure, target.host(), false);
        char[] password = passwords.get(user, target.host(), passwordFile);
        try {
            return EngineSession.open(target, password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    @Override
    public EngineSession lab() {
        LabEndpoint lab = labEndpoint();
        EngineTarget target = new EngineTarget(lab.apiUrl(), lab.user(), lab.caFile(), false,
                LabScenario.ENGINE_FQDN + " (lab)", true);
        char[] password = PasswordSource.fromFile(lab.passwordFile());
        try {
            return EngineSession.open(target, password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private synchronized LabEndpoint labEndpoint() {
        if (endpoint == null) {
            if (labDir == null) {
                throw new CommandException("this shell was started on a real Manager, not a lab; start one with"
                        + " ./shell (or ./shell --lab-dir DIR)");
            }
            try {
                Lab.Opened opened = Lab.open(labDir, labSettings);
                if (opened instanceof Lab.Served s) {
                    served = s.lab();
                }
                endpoint = opened.endpoint();
            } catch (IOException e) {
                throw new CommandException(Main.describe(e), 1, e);
            }
        }
        return endpoint;
    }

    @Override
    public synchronized void close() {
        if (served != null) {
            try {
                served.close();
            } catch (IOException ignored) {
                // the process ends anyway
            }
        }
    }
}

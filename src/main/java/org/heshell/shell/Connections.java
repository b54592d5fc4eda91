package org.heshell.shell;

import java.nio.file.Path;
import java.util.Arrays;
import org.heshell.command.CommandException;
import org.heshell.command.Connector;
import org.heshell.engine.EngineSession;
import org.heshell.engine.EngineTarget;
import org.heshell.lab.LabEndpoint;

/** Opens engine sessions for the shell: to the lab it was started with, or to a real Manager. */
final class Connections implements Connector {
    private final LabEndpoint lab;
    private final PasswordSource passwords;

    /** {@code lab} may be null when the shell was started on a real Manager. */
    Connections(LabEndpoint lab, PasswordSource passwords) {
        this.lab = lab;
        this.passwords = passwords;
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
        if (lab == null) {
            throw new CommandException("this shell was not started on a lab; start one with ./shell (or ./shell"
                    + " --lab-dir DIR)");
        }
        EngineTarget target = new EngineTarget(lab.apiUrl(), lab.user(), lab.caFile(), false,
                org.heshell.lab.LabScenario.ENGINE_FQDN + " (lab)", true);
        char[] password = PasswordSource.fromFile(lab.passwordFile());
        try {
            return EngineSession.open(target, password);
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}

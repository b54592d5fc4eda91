package org.heshell.command;

import java.util.concurrent.Callable;
import org.heshell.engine.EngineSession;
import org.heshell.model.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "connect", header = "Connect to a Manager, or again to the current one.", description = {
    "Connect to a Manager, or again to the current one.",
    "The password comes from HESHELL_PASSWORD, --password-file or a masked prompt; never from the command line."},
        footer = {"%nExamples:", "  connect                              (again, e.g. after the engine restarted)",
            "  connect --lab", "  connect --logout", "  connect --engine https://engine.example.com/ovirt-engine/api --user admin@internal"
                + " --ca-file ca.pem"})
public final class ConnectCommand implements Callable<Result> {
    private final CommandContext ctx;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Option(names = "--lab", description = "Connect to this shell's lab.")
    boolean lab;

    @Option(names = "--logout", description = "Log out of the current Manager: its SSO token is revoked and no "
            + "longer kept for the next run; the next command logs in again.")
    boolean logout;

    public ConnectCommand(CommandContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Result call() {
        if (lab && engine.url != null) {
            throw new CommandException("give either --lab or --engine, not both");
        }
        if (logout) {
            if (lab || engine.url != null) {
                throw new CommandException("--logout logs out of the current Manager; give it alone", 2, null);
            }
            var target = ctx.logout();
            return new Result.Text("Logged out of " + target.label() + "; the next command logs in again.");
        }
        EngineSession session;
        if (lab) {
            session = ctx.connector().lab();
        } else if (engine.url != null) {
            session = ctx.connector().engine(engine.url, engine.user, engine.caFile, engine.insecure,
                    engine.passwordFile);
        } else {
            var t = ctx.engine().target();
            session = t.lab() ? ctx.connector().lab()
                    : ctx.connector().engine(t.url(), t.user(), t.caFile(), t.insecure(), engine.passwordFile);
        }
        ctx.use(session);
        Environment env = ctx.refresh();
        return new Result.Connected(session.target().label(), session.target().url(), env);
    }
}

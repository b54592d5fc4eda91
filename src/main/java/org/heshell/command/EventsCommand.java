package org.heshell.command;

import java.util.List;
import java.util.concurrent.Callable;
import org.heshell.model.EngineEvent;
import org.heshell.model.Environment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "events", header = "Show the Manager's audit log, newest first.",
        description = {"Show the Manager's audit log (what the Administration Portal calls Events), newest first: "
        + "maintenance, migrations, hosts added and removed, engine-backup runs and alerts, with their AuditLogType "
        + "codes. --severity and --host narrow it; --search takes the engine's own search language."},
        footer = {"%nExamples:", "  events", "  events --max 50 --severity warning", "  events --host \"Host 1\"",
            "  events --search \"type=9025\"        completed engine backups"})
public final class EventsCommand implements Callable<Result> {
    private final CommandContext ctx;

    @Option(names = "--max", paramLabel = "N", defaultValue = "20", description = "At most N events (default: 20).")
    int max;

    @Option(names = "--severity", paramLabel = "LEVEL", completionCandidates = Severities.class,
            description = "Only events of this severity: normal, warning, error or alert.")
    String severity;

    @Option(names = "--host", paramLabel = "HOST", completionCandidates = HostNames.class,
            description = "Only events about this host (name, FQDN or IP; a removed host by its name).")
    String host;

    @Option(names = "--search", paramLabel = "QUERY", description = "The engine's search, e.g. \"type=15\".")
    String search;

    public EventsCommand(CommandContext ctx) {
        this.ctx = ctx;
    }

    /** The engine's log severities (LogSeverity in the API model). */
    static final class Severities implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("normal", "warning", "error", "alert").iterator();
        }
    }

    @Override
    public Result call() {
        if (max < 1 || max > 10_000) {
            throw new CommandException("--max must be 1 to 10000, not " + max, 2, null);
        }
        if (severity != null && !List.of("normal", "warning", "error", "alert").contains(severity)) {
            throw new CommandException("--severity is normal, warning, error or alert, not '" + severity + "'", 2,
                    null);
        }
        Environment env = ctx.refresh();
        List<String> terms = new java.util.ArrayList<>();
        if (severity != null) {
            terms.add("severity=" + severity);
        }
        // a host removed since is no longer in the Manager, but its events still name it (audit_log's vds_name)
        boolean gone = host != null && env.findHost(host).isEmpty() && env.hosts().stream()
                .noneMatch(h -> h.name().equalsIgnoreCase(host));
        if (host != null) {
            terms.add("host.name=\"" + (gone ? host : ctx.host(env, host).name()).replace("\"", "") + "\"");
        }
        if (search != null && !search.isBlank()) {
            terms.add(search);
        }
        List<EngineEvent> events = ctx.engine().events(max, terms.isEmpty() ? null : String.join(" and ", terms));
        if (gone && events.isEmpty()) {
            ctx.host(env, host); // neither a host now nor one the log names: say which hosts there are
        }
        return new Result.EventsView(env, events);
    }
}

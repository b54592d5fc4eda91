package org.heshell.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.heshell.backup.BackupContents;
import org.heshell.backup.BackupHealth;
import org.heshell.backup.FilesPart;
import org.heshell.command.Result;
import org.heshell.engine.Migration;
import org.heshell.model.ByteSize;
import org.heshell.model.Environment;
import org.heshell.model.EnvironmentDiff;
import org.heshell.model.Host;
import org.heshell.model.Vm;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;

/** Results as text for a person: tables, the map, one-line summaries. Colour only when asked for. */
public final class TextRenderer {
    static final String ENGINE_MARK = "◆";
    private static final int MAP_MIN_COLUMN = 18;
    private static final int MAP_MAX_VMS = 15;

    private final boolean colour;
    private final int width;

    public TextRenderer(boolean colour, int width) {
        this.colour = colour;
        this.width = Math.max(40, width);
    }

    /** The text to print, without a trailing newline; empty when there is nothing to say. */
    public String render(Result result) {
        AttributedString s;
        if (result instanceof Result.HostsView v) {
            s = hosts(v.environment(), v.hosts());
        } else if (result instanceof Result.VmsView v) {
            s = vms(v.environment(), v.vms());
        } else if (result instanceof Result.EventsView v) {
            s = events(v);
        } else if (result instanceof Result.HaView v) {
            s = ha(v);
        } else if (result instanceof Result.MapView v) {
            s = v.before() == null ? map(v.environment()) : thenAndNow(v);
        } else if (result instanceof Result.HostChanged c) {
            s = hostChanged(c);
        } else if (result instanceof Result.VmChanged c) {
            s = vmChanged(c);
        } else if (result instanceof Result.Connected c) {
            s = new AttributedString("connected to " + n(c.label()) + " (oVirt " + n(c.environment().engineVersion())
                    + "): " + c.environment().hosts().size() + " hosts, "
                    + org.heshell.model.Load.of(c.environment()).phrase());
        } else if (result instanceof Result.BackupInspected b) {
            s = backup(b);
        } else if (result instanceof Result.BackupRecorded r) {
            var e = r.entry();
            s = new AttributedStringBuilder().append("Backup ").styled(Style.HEADER, n(e.id())).append(" "
                    + r.action() + ": " + n(e.file()) + " (" + ByteSize.text(e.size()) + "), engine " + n(e.engineFqdn())
                    + ", oVirt " + n(e.engineVersion()) + "; ").styled(Style.GOOD, "verified, " + r.contents().verifiedEntries()
                    .size() + " entries match " + r.contents().checksumFile()).append("; failover host: "
                    + (e.failoverHost() == null ? "none" : n(e.failoverHost())) + (e.encrypted()
                    ? "; encrypted to " + n(e.encryptedTo()) : "")).toAttributedString();
        } else if (result instanceof Result.BackupVerified v) {
            s = new AttributedStringBuilder().append(n(v.name()) + ": ").styled(Style.GOOD, "verified")
                    .append(", " + v.contents().verifiedEntries().size() + " entries match "
                            + v.contents().checksumFile() + (v.recordedHashChecked()
                            ? "; the file matches the sha256 recorded when it was fetched" : "")
                            + (v.contents().encryptedTo() != null ? "; decrypted with the key "
                            + n(v.contents().encryptedTo()) + (v.recordedHashChecked()
                            ? ", to the archive the engine wrote (its sha256)" : "") : ""))
                    .toAttributedString();
        } else if (result instanceof Result.BackupList l) {
            s = backups(l);
        } else if (result instanceof Result.BackupChecked c) {
            s = new AttributedString(checked(c));
        } else if (result instanceof Result.EnginesChecked c) {
            s = enginesChecked(c);
        } else if (result instanceof Result.BackupPruned r) {
            s = pruned(r);
        } else if (result instanceof Result.Diff d) {
            s = diff(d);
        } else if (result instanceof Result.RestorePlanned p) {
            s = plan(p);
        } else if (result instanceof Result.RestoreStatus r) {
            s = restoreStatus(r);
        } else if (result instanceof Result.LabProcessShown l) {
            s = new AttributedString(labProcess(l));
        } else if (result instanceof Result.RestoreList r) {
            s = restores(r);
        } else if (result instanceof Result.Text t) {
            s = new AttributedString(t.text());
        } else if (result instanceof Result.ScriptDone d) {
            s = new AttributedString(d.value() == null ? "" : String.valueOf(d.value()));
        } else {
            s = AttributedString.EMPTY;
        }
        // Whatever a backup, the Manager or a command put in, no terminal escape gets through (names had their
        // line breaks escaped where they were set in, see n()).
        s = Inert.lines(s);
        return colour ? s.toAnsi() : s.toString();
    }

    private static String labProcess(Result.LabProcessShown l) {
        org.heshell.lab.LabProcessStatus s = l.status();
        if (!s.running()) {
            return "the lab in " + s.dir() + " is not running; the next command that needs it starts it (its state"
                    + " is kept there)";
        }
        if (l.stopped()) {
            return "stopped the lab in " + s.dir() + " (process " + s.pid() + "); its state is kept, and the next"
                    + " command that needs it starts it again";
        }
        java.time.Instant started = java.time.Instant.parse(s.startedAt());
        long minutes = java.time.Duration.between(started, java.time.Instant.now()).toMinutes();
        return "the lab in " + s.dir() + " runs in the background: process " + s.pid() + ", up since "
                + started.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString().replace('T', ' ')
                + (minutes < 1 ? " (under a minute)" : " (" + (minutes < 120 ? minutes + " min" : minutes / 60
                + " h") + ")") + "\n"
                + "  API       " + s.apiUrl() + "\n"
                + "  machines  " + (s.machinesUp() ? "up (ssh -F " + s.dir() + "/ssh_config engine.lab.example)"
                : "not started yet (they start on first need)") + "\n"
                + "  speed     " + (s.speed() == Math.rint(s.speed()) ? Long.toString((long) s.speed())
                : Double.toString(s.speed())) + "x real time\n"
                + (s.log() == null ? "" : "  log       " + s.log() + "\n")
                + "It serves every shell and -c run on this lab dir and outlives them; `lab stop` stops it.";
    }

    /** A name or value read from a backup or the Manager, as one inert line: it cannot fake a row. */
    private static String n(Object value) {
        return value == null ? null : Inert.line(String.valueOf(value));
    }

    /** A restore plan as a checklist of findings (✓ ! ✗ with evidence, consequence and fix), then the steps. */
    private AttributedString plan(Result.RestorePlanned r) {
        org.heshell.restore.RestorePlan p = r.plan();
        AttributedStringBuilder out = new AttributedStringBuilder();
        if (r.resumed()) {
            out.append("Restore ").styled(Style.HEADER, r.journal()).append(" of " + n(p.backup()) + " on "
                    + n(p.deployOn()) + " is under way; `restore run " + r.journal() + "` goes on with it.\n");
            return out.toAttributedString();
        }
        out.append(r.checksOnly() ? "Preflight" : "Restore plan").append(" for ").styled(Style.HEADER, n(p.backup()))
                .append(" deploying on ").styled(Style.HEADER, n(p.deployOn() + (p.deployOn().equalsIgnoreCase(
                        p.deployFqdn()) ? "" : " (" + p.deployFqdn() + ")"))).append(", engine " + n(p.engineFqdn()))
                .append("\n");
        for (org.heshell.restore.Finding f : p.findings()) {
            switch (f.level()) {
                case OK -> out.styled(Style.GOOD, "  ✓ ");
                case WARN -> out.styled(Style.BUSY, "  ! ");
                default -> out.styled(Style.BAD, "  ✗ ");
            }
            out.append(n(f.summary())).append("  [" + f.rule() + "]\n");
            if (f.level() != org.heshell.restore.Finding.Level.OK || !f.evidence().isEmpty()) {
                out.append("      seen: " + n(f.evidence()) + "\n");
            }
            if (!f.consequence().isEmpty()) {
                out.append("      so:   " + n(f.consequence()) + "\n");
            }
            if (!f.fix().isEmpty()) {
                out.append("      do:   " + n(f.fix()) + "\n");
            }
        }
        if (r.checksOnly()) {
            out.append(p.blocked() ? "Blocked: " + p.blockers().size() + " finding(s) to fix first."
                    : "Clear to go.");
            return out.toAttributedString();
        }
        out.append("Steps (their ids in brackets, as `restore run --skip` takes them):\n");
        int n = 1;
        for (org.heshell.restore.PlanStep step : p.steps()) {
            out.append(String.format("  %d. %s", n++, n(step.title()))).styled(Style.DIM, "  [" + n(step.id()) + "]")
                    .append(String.format("%n       why: %s%n", n(step.why())));
        }
        if (p.blocked()) {
            out.styled(Style.BAD, "Blocked").append(": " + p.blockers().size()
                    + " finding(s) to fix first; nothing was saved.");
        } else if (r.journal() == null) {
            out.styled(Style.GOOD, "Clear to go").append(" (dry run: nothing saved).");
        } else {
            out.styled(Style.GOOD, "Clear to go").append(": saved as " + r.journal() + "; carry it out with")
                    .append(" `restore run " + r.journal() + "`.");
        }
        return out.toAttributedString();
    }

    /**
     * A restore's journal: each step's state (a step a dead run left running shows as interrupted), its id (what
     * --skip takes), how long it took and what happened; a dry run shows each step's why.
     */
    private AttributedString restoreStatus(Result.RestoreStatus r) {
        var j = r.journal();
        AttributedStringBuilder out = new AttributedStringBuilder();
        String standing = j.standing(r.underway());
        out.append(r.dryRun() ? "restore run " + j.id() + " would:" : "Restore ").styled(Style.HEADER,
                r.dryRun() ? "" : j.id()).append(r.dryRun() ? "\n" : ": " + n(j.plan().backup()) + " on "
                + n(j.plan().deployOn()) + ", " + standing + "\n");
        java.util.Map<String, String> why = new java.util.HashMap<>();
        j.plan().steps().forEach(p -> why.put(p.id(), p.why()));
        int n = 1;
        for (var s : j.steps()) {
            String took = s.started() != null && s.finished() != null ? String.format(" (%.1f s)",
                    java.time.Duration.between(s.started(), s.finished()).toMillis() / 1000.0) : "";
            String state = j.shown(s, r.underway());
            org.jline.utils.AttributedStyle st = switch (state) {
                case "done" -> Style.GOOD;
                case "failed", "interrupted" -> Style.BAD;
                case "running" -> Style.BUSY;
                default -> Style.DIM;
            };
            out.append(String.format("  %d. ", n++)).styled(st, String.format("%-11s", state)).append(" "
                    + n(s.title()) + took).styled(Style.DIM, "  [" + n(s.id()) + "]").append("\n");
            if (r.dryRun() && why.containsKey(s.id())) {
                out.append("                 why: " + n(why.get(s.id())) + "\n");
            }
            if (!s.note().isEmpty()) {
                out.append("                 " + n(s.note()) + "\n");
            }
        }
        if (r.dryRun()) {
            out.append("Nothing was changed. `restore run " + j.id() + "` carries out the steps not done;"
                    + " `--skip ID` treats a step (its id in brackets) as done by hand.\n");
        } else if (standing.startsWith("interrupted")) {
            out.append("A run stopped without ending that step (killed?); `restore run " + j.id()
                    + "` looks at the real state and goes on with it.\n");
        } else if (!standing.equals("finished") && !r.underway()) {
            out.append("`restore run " + j.id() + "` goes on from the first step not done.\n");
        }
        return out.toAttributedString().substring(0, out.length() - 1);
    }

    /** Every restore: id, backup, deploying host, where it stands, when it was planned. */
    private static AttributedString restores(Result.RestoreList r) {
        if (r.listing().restores().isEmpty() && r.listing().damaged().isEmpty()) {
            return new AttributedString("no restore yet; start one with `restore plan BACKUP --deploy-on HOST`");
        }
        Table t = new Table("ID", "BACKUP", "DEPLOY ON", "STANDS", "PLANNED");
        for (var c : r.listing().restores()) {
            String standing = c.standing(r.underway().contains(c.id()));
            t.row().cell(c.id()).cell(c.plan().backup()).cell(c.plan().deployOn()).cell(standing,
                    standing.equals("finished") ? Style.GOOD : standing.startsWith("running") ? Style.BUSY
                            : standing.startsWith("failed") || standing.startsWith("interrupted") ? Style.BAD
                            : Style.PLAIN).cell(date(c.created()));
        }
        r.listing().damaged().forEach((id, why) -> t.row().cell(id).cell("?").cell("?").cell("DAMAGED", Style.BAD)
                .cell(why));
        return t.render();
    }

    /** What a backup holds: where it comes from, its checks, the failover host, then the chosen view. */
    private AttributedString backup(Result.BackupInspected b) {
        BackupContents c = b.contents();
        Environment env = c.environment();
        AttributedStringBuilder out = new AttributedStringBuilder();
        out.append("Backup ").styled(Style.HEADER, n(c.file().getFileName())).append(": engine ")
                .styled(Style.HEADER, n(c.engineFqdn())).append(", oVirt " + n(c.engineVersion()))
                .append(c.schemaVersion() == null ? "" : " (schema " + n(c.schemaVersion()) + ")")
                .append(c.osVersion() == null ? "" : ", " + n(c.osVersion())).append('\n');
        var d = c.dump();
        out.append("Scope " + n(String.join(", ", c.scope())) + "; database: " + d.format() + " dump"
                + (d.compression().equals("none") ? "" : " (" + d.compression() + ")")
                + (d.serverVersion() == null ? "" : " of PostgreSQL " + n(d.serverVersion())) + "; ")
                .styled(Style.GOOD, c.verifiedEntries().size() + " entries match " + n(c.checksumFile()))
                .append(c.encryptedTo() == null ? "" : "; encrypted (OpenPGP) to " + n(c.encryptedTo())
                        + ", decrypted as read").append('\n');
        if (c.files() != null) {
            out.append(filesPart(c.files())).append('\n');
        }
        List<String> failover = c.failoverHosts().stream().map(h -> n(h.name())).toList();
        List<String> loaded = c.loadedHosts().stream().map(h -> n(h.name())).toList();
        out.append("Failover host: ").styled(failover.isEmpty() ? Style.BUSY : Style.GOOD,
                failover.isEmpty() ? "none (every hosted-engine host carried VMs)" : String.join(", ", failover))
                .append("; carried VMs: " + (loaded.isEmpty() ? "none" : String.join(", ", loaded)))
                .append("; engine VM " + env.engineVm().map(v -> n(v.name())).orElse("not found")
                        + env.engineHost().map(h -> " on " + n(h.name())).orElse("")).append("\n\n");
        out.append(switch (b.view()) {
            case "map" -> map(env);
            case "vms" -> vms(env, env.vms());
            default -> hosts(env, env.hosts());
        });
        return out.toAttributedString();
    }

    /** The configuration part: what a restore needs of it, present or named as missing. */
    private static AttributedString filesPart(FilesPart f) {
        AttributedStringBuilder out = new AttributedStringBuilder().append("Files: " + f.files() + " configuration"
                + " file" + (f.files() == 1 ? "" : "s"));
        List<String> missing = f.missing();
        if (missing.isEmpty()) {
            return out.append(" with ").styled(Style.GOOD, "the engine CA certificate and key, the database's"
                    + " credentials and the engine's FQDN").toAttributedString();
        }
        return out.append("; ").styled(Style.BAD, "missing " + String.join(", ", missing)).toAttributedString();
    }

    private static AttributedString diff(Result.Diff r) {
        EnvironmentDiff d = r.diff();
        AttributedStringBuilder out = new AttributedStringBuilder();
        out.append("From ").styled(Style.HEADER, n(r.from())).append(" to ").styled(Style.HEADER, n(r.to()))
                .append(":");
        if (d.isEmpty()) {
            return out.append(" no difference in hosts or VMs").toAttributedString();
        }
        d.hostsAdded().forEach(h -> out.append("\n").styled(Style.GOOD, "+ host " + n(h.name()))
                .append(" (" + n(h.address()) + ", " + n(String.join(", ", h.ips())) + ")"));
        d.hostsRemoved().forEach(h -> out.append("\n").styled(Style.BAD, "- host " + n(h.name()))
                .append(" (" + n(h.address()) + ")"));
        d.hostsChanged().forEach(c -> out.append("\n~ host " + n(c.before().name()) + ": "
                + n(String.join("; ", c.differences()))));
        if (d.engineMoved() != null) {
            out.append("\n").styled(Style.ENGINE, ENGINE_MARK + " engine VM " + n(d.engineMoved().vm()) + ": "
                    + place(d.engineMoved().from()) + " → " + place(d.engineMoved().to()));
        }
        d.vmsMoved().stream().filter(m -> d.engineMoved() == null || !m.vm().equals(d.engineMoved().vm()))
                .forEach(m -> out.append("\n→ VM " + n(m.vm()) + ": " + place(m.from()) + " → " + place(m.to())));
        d.vmsAdded().forEach(v -> out.append("\n").styled(Style.GOOD, "+ VM " + n(v.name())));
        d.vmsRemoved().forEach(v -> out.append("\n").styled(Style.BAD, "- VM " + n(v.name())));
        return out.toAttributedString();
    }

    private static AttributedString backups(Result.BackupList l) {
        var damaged = l.listing().damaged();
        if (l.entries().isEmpty() && damaged.isEmpty()) {
            return new AttributedString("no backups in the catalog yet; take one with `backup create`");
        }
        AttributedStringBuilder out = new AttributedStringBuilder();
        if (!l.entries().isEmpty()) {
            // ENC: yes/no keeps the table within a wide terminal; the key itself is in inspect and --json.
            Table t = new Table("ID", "DATE", "ENGINE", "VERSION", "SIZE", "VERIFIED", "ENC", "FAILOVER HOST",
                    "COPIES").alignRight(4);
            for (var e : l.entries()) {
                boolean gone = l.listing().missing().contains(e.id());
                t.row().cell(e.id()).cell(date(e.createdAt()))
                        .cell(e.engineFqdn()).cell(e.engineVersion()).cell(ByteSize.text(e.size()))
                        .cell(gone ? "FILE GONE" : e.verified() ? "yes" : "NO", e.verified() && !gone ? Style.GOOD
                                : Style.BAD)
                        .cell(e.encrypted() ? "yes" : "no")
                        .cell(e.failoverHost() == null ? "-" : e.failoverHost())
                        .cell(copies(e), e.copies().stream().anyMatch(c -> !c.matches()) ? Style.BAD : Style.PLAIN);
            }
            out.append(t.render());
            l.entries().stream().filter(e -> l.listing().missing().contains(e.id()))
                    .forEach(e -> out.append("\n").styled(Style.BAD, org.heshell.backup.Catalog.gone(e)));
        }
        for (var d : damaged) {
            out.append(out.length() == 0 ? "" : "\n").styled(Style.BAD, d.advice());
        }
        return out.toAttributedString();
    }

    /** How many checked copies a backup has elsewhere; "none" flags one that exists only here. */
    private static String copies(org.heshell.backup.CatalogEntry e) {
        long good = e.copies().stream().filter(c -> c.matches()).count();
        long bad = e.copies().size() - good;
        return e.copies().isEmpty() ? "none" : good + (bad > 0 ? " (" + bad + " BAD)" : "");
    }

    /** Each backup with the rules that keep it, or why it goes; then the count, and what --dry-run left. */
    private static AttributedString pruned(Result.BackupPruned r) {
        if (r.verdicts().isEmpty()) {
            return new AttributedString("no backups in the catalog: nothing to prune");
        }
        Table t = new Table("ID", "DATE", "VERIFIED", "FAILOVER HOST", r.dryRun() ? "WOULD" : "DONE", "WHY");
        long removed = 0;
        for (var v : r.verdicts()) {
            var e = v.entry();
            removed += v.kept() ? 0 : 1;
            t.row().cell(e.id()).cell(date(e.createdAt())).cell(e.verified() ? "yes" : "NO")
                    .cell(e.failoverHost() == null ? "-" : e.failoverHost())
                    .cell(v.kept() ? "keep" : r.dryRun() ? "remove" : "removed", v.kept() ? Style.GOOD : Style.BAD)
                    .cell(v.kept() ? String.join(", ", v.keptBy()) : "no rule keeps it");
        }
        return new AttributedStringBuilder().append(t.render()).append("\n" + (r.verdicts().size() - removed)
                + " kept, " + removed + (r.dryRun() ? " would be removed (--dry-run: nothing was removed)"
                : " removed")).toAttributedString();
    }

    /** The one status line of a monitoring plugin, with performance data after the bar. */
    static String checked(Result.BackupChecked c) {
        String state = BackupHealth.State.values()[c.exitCode()].name();
        String unread = c.engineUnreadable() == null ? "" : "; the engine's events could not be read: "
                + c.engineUnreadable();
        if (c.engines().isEmpty()) {
            return "BACKUP " + state + " - no backups in the catalog; take one with `backup create`" + unread;
        }
        java.time.Instant now = java.time.Instant.now();
        List<String> parts = new ArrayList<>();
        List<String> perf = new ArrayList<>();
        for (var h : c.engines()) {
            String says = h.problems().isEmpty() ? "newest verified backup "
                    + BackupHealth.human(BackupHealth.age(h.newestVerified(), now)) + " old, with failover host "
                    + h.newestFailover().failoverHost() + " " + BackupHealth.human(BackupHealth.age(
                    h.newestFailover(), now)) + " old" + (h.newestCopied() == null ? "" : ", copied elsewhere "
                    + BackupHealth.human(BackupHealth.age(h.newestCopied(), now)) + " old")
                    : String.join("; ", h.problems());
            if (h.engineEvents() != null && h.engineEvents().problems(now).isEmpty()) {
                says += "; " + h.engineEvents().summary(now);
            }
            parts.add(h.engine() + (c.engines().size() > 1 ? " " + h.state() : "") + ": " + says);
            if (h.newestVerified() != null) {
                perf.add("'" + h.engine() + " age'=" + BackupHealth.age(h.newestVerified(), now).toSeconds() + "s;" + c.warning().toSeconds() + ";" + c.critical().toSeconds() + ";0");
            }
        }
        return "BACKUP " + state + " - " + String.join("; ", parts) + unread + (perf.isEmpty() ? "" : " | "
                + String.join(" ", perf));
    }

    /** The status line (the worst first, as a monitoring plugin's first line is read), then one row per engine. */
    private static AttributedString enginesChecked(Result.EnginesChecked c) {
        java.time.Instant now = java.time.Instant.now();
        String state = BackupHealth.State.values()[c.exitCode()].name();
        List<String> worst = c.engines().stream().sorted(java.util.Comparator.comparing(
                (Result.EnginesChecked.Row r) -> r.health().state()).reversed())
                .map(r -> r.name() + " " + r.health().state()).toList();
        AttributedStringBuilder out = new AttributedStringBuilder();
        out.append("BACKUP " + state + " - " + c.engines().size() + (c.engines().size() == 1 ? " engine: "
                : " engines: ") + String.join(", ", worst) + "\n");
        Table t = new Table("NAME", "ENGINE", "STATUS", "VERIFIED", "FAILOVER", "ENGINE SAYS", "PROBLEMS");
        for (var r : c.engines()) {
            var h = r.health();
            var ev = h.engineEvents();
            String says = ev == null ? "-" : !ev.readable() ? "not read (below)"
                    : ev.currentFailure() != null ? "engine-backup failed " + ago(ev.currentFailure().time(), now)
                    : ev.currentAlert() != null ? "alert " + ev.currentAlert().code() + " " + ago(ev.currentAlert()
                    .time(), now) : ev.newestCompleted() != null ? "engine-backup done " + ago(ev.newestCompleted()
                    .time(), now) : "no engine-backup";
            t.row().cell(r.name()).cell(h.engine())
                    .cell(h.state().name(), h.state() == BackupHealth.State.OK ? Style.GOOD : Style.BAD)
                    .cell(h.newestVerified() == null ? "-" : BackupHealth.human(BackupHealth.age(h.newestVerified(),
                            now)) + " ago")
                    .cell(h.newestFailover() == null ? "-" : BackupHealth.human(BackupHealth.age(h.newestFailover(),
                            now)) + " ago")
                    .cell(says, ev != null && ev.readable() ? Style.PLAIN : Style.BAD)
                    .cell(h.problems().isEmpty() ? "-" : String.join("; ", h.problems()));
        }
        out.append(t.render());
        // why an engine could not be asked is a sentence of its own, too long for a cell
        for (var r : c.engines()) {
            var ev = r.health().engineEvents();
            if (ev != null && !ev.readable()) {
                out.append("\n").styled(Style.BAD, r.name() + ": the engine's events could not be read: "
                        + ev.unreadable());
            }
        }
        return out.toAttributedString();
    }

    private static String ago(java.time.Instant at, java.time.Instant now) {
        return at == null ? "(when unknown)" : BackupHealth.human(java.time.Duration.between(at, now)) + " ago";
    }

    private static String date(java.time.Instant at) {
        return at.toString().replace('T', ' ').replaceFirst("\\.\\d+", "");
    }

    private static String place(String host) {
        return host == null ? "(not running)" : n(host);
    }

    private AttributedString hosts(Environment env, List<Host> hosts) {
        String engineHost = env.engineHost().map(Host::id).orElse("");
        Table t = new Table("NAME", "ADDRESS", "STATUS", "VMS", "HE", "SCORE", "ENGINE VM").alignRight(5);
        for (Host h : hosts) {
            var he = h.hostedEngine();
            t.row().cell(h.name()).cell(h.address()).cell(h.status().label(), Style.of(h.status()))
                    .cell(org.heshell.model.Load.on(env, h.id()).count())
                    .cell(!he.configured() ? "-" : he.localMaintenance() ? "local maint." : "yes")
                    .cell(he.configured() ? Integer.toString(he.score()) : "")
                    .cell(h.id().equals(engineHost) ? ENGINE_MARK + " " + env.engineVm().get().name() : "",
                            Style.ENGINE);
        }
        return t.render();
    }

    private AttributedString vms(Environment env, List<Vm> vms) {
        Table t = new Table("NAME", "STATUS", "HOST", "MEMORY").alignRight(3);
        for (Vm v : vms) {
            String host = v.hostId() == null ? "" : env.host(v.hostId()).map(Host::name).orElse(v.hostId());
            t.row().cell(v.engine() ? v.name() + " " + ENGINE_MARK : v.name(), v.engine() ? Style.ENGINE : Style.PLAIN)
                    .cell(v.status().label(), Style.of(v.status())).cell(host).cell(gib(v.memoryBytes()));
        }
        return t.render();
    }

    private AttributedString ha(Result.HaView v) {
        Environment env = v.environment();
        boolean global = env.hosts().stream().anyMatch(h -> h.hostedEngine().globalMaintenance());
        String engineHost = env.engineHost().map(Host::id).orElse("");
        Table t = new Table("NAME", "STATUS", "AGENT", "SCORE", "LOCAL MAINT.", "ENGINE VM").alignRight(3);
        for (Host h : env.hosts()) {
            var he = h.hostedEngine();
            if (!he.configured()) {
                continue;
            }
            t.row().cell(h.name()).cell(h.status().label(), Style.of(h.status())).cell(he.active() ? "active"
                    : "inactive", he.active() ? Style.PLAIN : Style.BAD).cell(Integer.toString(he.score()),
                    he.score() > 0 ? Style.PLAIN : Style.BUSY).cell(he.localMaintenance() ? "yes" : "no")
                    .cell(h.id().equals(engineHost) ? ENGINE_MARK + " " + env.engineVm().get().name() : "",
                            Style.ENGINE);
        }
        AttributedStringBuilder out = new AttributedStringBuilder();
        if (v.changed() != null) {
            out.append(v.changed() + "\n");
        }
        out.append("Global maintenance: ").styled(global ? Style.BUSY : Style.PLAIN, global ? "on (the HA agents"
                + " neither start nor stop the engine VM)" : "off").append("\n");
        out.append(t.render());
        return out.toAttributedString();
    }

    private AttributedString events(Result.EventsView v) {
        if (v.events().isEmpty()) {
            return new AttributedString("no events match");
        }
        Table t = new Table("TIME", "SEVERITY", "CODE", "HOST", "EVENT").alignRight(2);
        for (org.heshell.model.EngineEvent e : v.events()) {
            String host = e.hostNameIn(v.environment());
            org.jline.utils.AttributedStyle style = switch (e.severity()) {
                case "warning" -> Style.BUSY;
                case "error", "alert" -> Style.BAD;
                default -> Style.PLAIN;
            };
            t.row().cell(e.time() == null ? "" : e.time().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()
                    .replace('T', ' ')).cell(e.severity(), style).cell(Integer.toString(e.code())).cell(n(host))
                    .cell(n(e.description()));
        }
        return t.render();
    }

    /** Hosts side by side, each with its VMs beneath; as many columns per band as the width allows. */
    private AttributedString map(Environment env) {
        return join(mapLines(env, width));
    }

    /** The map as lines, for {@code available} columns: the engine's line, then bands of hosts. */
    private static List<AttributedString> mapLines(Environment env, int available) {
        Map<String, List<Vm>> byHost = env.vmsByHost();
        int column = mapColumnWidth(env);
        int perBand = Math.max(1, (available + 2) / (column + 2));
        List<AttributedString> lines = new ArrayList<>();
        lines.add(new AttributedStringBuilder().append("Engine ").styled(Style.HEADER, n(env.engineFqdn()))
                .append(" (oVirt " + n(env.engineVersion()) + "), ").append(env.hosts().size() + " hosts, "
                        + org.heshell.model.Load.of(env).phrase() + "; " + ENGINE_MARK + " engine VM")
                .toAttributedString());
        List<Host> hosts = env.hosts();
        for (int start = 0; start < hosts.size(); start += perBand) {
            List<Host> band = hosts.subList(start, Math.min(hosts.size(), start + perBand));
            List<List<AttributedString>> cols = new ArrayList<>();
            for (Host h : band) {
                cols.add(mapColumn(h, byHost.get(h.id()), column));
            }
            int height = cols.stream().mapToInt(List::size).max().orElse(0);
            lines.add(AttributedString.EMPTY);
            for (int line = 0; line < height; line++) {
                AttributedStringBuilder out = new AttributedStringBuilder();
                StringBuilder pending = new StringBuilder();
                for (List<AttributedString> col : cols) {
                    AttributedString cell = line < col.size() ? col.get(line) : AttributedString.EMPTY;
                    if (cell.length() > 0) {
                        out.append(pending);
                        pending.setLength(0);
                        out.append(cell);
                    }
                    pending.append(" ".repeat(column - cell.length() + 2));
                }
                lines.add(out.toAttributedString());
            }
        }
        return lines;
    }

    private static int mapColumnWidth(Environment env) {
        Map<String, List<Vm>> byHost = env.vmsByHost();
        int column = MAP_MIN_COLUMN;
        for (Host h : env.hosts()) {
            column = Math.max(column, Math.max(h.name().length(), h.address().length()) + 2);
            for (Vm v : byHost.get(h.id())) {
                column = Math.max(column, v.name().length() + 4);
            }
        }
        return Math.min(column, 40);
    }

    /**
     * The backup's picture and the one now, side by side when both fit the width (else one above the other), then
     * what changed since: the procedure's pictures, seen at any stage of it. Now is missing while no Manager answers.
     */
    private AttributedString thenAndNow(Result.MapView v) {
        List<AttributedString> then = new ArrayList<>();
        then.add(new AttributedStringBuilder().styled(Style.HEADER, "Then").append(": backup " + n(v.beforeLabel()))
                .toAttributedString());
        List<AttributedString> now = new ArrayList<>();
        now.add(new AttributedStringBuilder().styled(Style.HEADER, "Now").append(v.environment() == null
                ? ": no Manager answers at " + n(v.before().engineFqdn()) : ": the Manager as it answers")
                .toAttributedString());
        int gap = 4;
        int half = (width - gap) / 2;
        Environment live = v.environment();
        boolean sideBySide = mapNaturalWidth(v.before()) <= half && (live == null || mapNaturalWidth(live) <= half);
        int each = sideBySide ? half : width;
        then.addAll(mapLines(v.before(), each));
        if (live == null) {
            now.add(new AttributedString("the engine is down; the hosts and their VMs may run on", Style.BAD));
        } else {
            now.addAll(mapLines(live, each));
        }
        List<AttributedString> out = new ArrayList<>();
        if (sideBySide) {
            int left = then.stream().mapToInt(AttributedString::columnLength).max().orElse(0) + gap;
            for (int i = 0; i < Math.max(then.size(), now.size()); i++) {
                AttributedString l = i < then.size() ? then.get(i) : AttributedString.EMPTY;
                AttributedString r = i < now.size() ? now.get(i) : AttributedString.EMPTY;
                out.add(r.length() == 0 ? l : new AttributedStringBuilder().append(l)
                        .append(" ".repeat(left - l.columnLength())).append(r).toAttributedString());
            }
        } else {
            out.addAll(then);
            out.add(AttributedString.EMPTY);
            out.addAll(now);
        }
        if (live != null) {
            out.add(AttributedString.EMPTY);
            out.add(diff(new Result.Diff("the backup", "now", EnvironmentDiff.between(v.before(), live))));
        }
        return join(out);
    }

    /** The columns a map takes when all its hosts stand in one band. */
    private static int mapNaturalWidth(Environment env) {
        int hosts = Math.max(1, env.hosts().size());
        return hosts * (mapColumnWidth(env) + 2) - 2;
    }

    private static AttributedString join(List<AttributedString> lines) {
        AttributedStringBuilder out = new AttributedStringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            if (i > 0) {
                out.append("\n");
            }
            out.append(lines.get(i));
        }
        return out.toAttributedString();
    }

    private static List<AttributedString> mapColumn(Host h, List<Vm> vms, int column) {
        List<AttributedString> lines = new ArrayList<>();
        lines.add(new AttributedString(cut(h.name(), column), Style.HEADER));
        lines.add(new AttributedString(cut(h.address(), column), Style.DIM));
        var he = h.hostedEngine();
        String status = h.status().label() + (he.configured() ? " · HA " + he.score() : "");
        lines.add(new AttributedString(cut(status, column), Style.of(h.status())));
        lines.add(new AttributedString("─".repeat(column)));
        int shown = 0;
        for (Vm v : vms) {
            if (shown++ == MAP_MAX_VMS) {
                lines.add(new AttributedString("… " + (vms.size() - MAP_MAX_VMS) + " more", Style.DIM));
                break;
            }
            AttributedStringBuilder b = new AttributedStringBuilder();
            String name = cut(v.name(), column - 4);
            if (v.engine()) {
                b.styled(Style.ENGINE, name + " " + ENGINE_MARK);
            } else {
                b.styled(v.status() == org.heshell.model.VmStatus.UP ? Style.PLAIN : Style.of(v.status()), name);
            }
            if (v.status() == org.heshell.model.VmStatus.MIGRATING) {
                b.styled(Style.BUSY, " →");
            }
            lines.add(b.toAttributedString());
        }
        if (vms.isEmpty()) {
            lines.add(new AttributedString("(no VMs)", Style.DIM));
        }
        return lines;
    }

    private static AttributedString vmChanged(Result.VmChanged c) {
        AttributedStringBuilder b = new AttributedStringBuilder();
        String on = c.vm().hostId() == null ? null : c.environment().host(c.vm().hostId()).map(h -> h.name())
                .orElse(c.vm().hostId());
        b.styled(Style.HEADER, n(c.vm().name())).append(": " + c.action());
        if (c.from() != null && on != null && !c.from().equals(on)) {
            b.append(" from " + n(c.from()) + " to " + n(on));
        } else if (on != null) {
            b.append(" on " + n(on));
        } else if (c.from() != null) {
            b.append(" on " + n(c.from()));
        }
        b.append(" (").styled(Style.of(c.vm().status()), c.vm().status().label()).append(")");
        if (!c.took().isZero()) {
            b.append(String.format(" after %.1f s", c.took().toMillis() / 1000.0));
        }
        return b.toAttributedString();
    }

    private static AttributedString hostChanged(Result.HostChanged c) {
        AttributedStringBuilder b = new AttributedStringBuilder();
        b.styled(Style.HEADER, n(c.host().name())).append(": " + c.action() + " (")
                .styled(Style.of(c.host().status()), c.host().status().label()).append(")");
        if (!c.took().isZero()) {
            b.append(String.format(" after %.1f s", c.took().toMillis() / 1000.0));
        }
        List<Migration> moved = c.migrations();
        if (!moved.isEmpty()) {
            List<String> targets = moved.stream().map(Migration::to).distinct().toList();
            b.append(targets.size() == 1
                    ? "; " + moved.stream().map(m -> n(m.vm())).collect(Collectors.joining(", ")) + " moved to "
                        + n(targets.get(0))
                    : "; moved " + moved.stream().map(m -> n(m.vm()) + " → " + n(m.to()))
                        .collect(Collectors.joining(", ")));
        }
        return b.toAttributedString();
    }

    private static String cut(String raw, int max) {
        String s = n(raw);
        return s.length() <= max ? s : s.substring(0, Math.max(1, max - 1)) + "…";
    }

    private static String gib(long bytes) {
        double g = bytes / (1024.0 * 1024 * 1024);
        return g == Math.rint(g) ? String.format("%.0f GiB", g) : String.format("%.1f GiB", g);
    }
}

package org.heshell.render;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.heshell.backup.BackupContents;
import org.heshell.backup.BackupHealth;
import org.heshell.command.Result;
import org.heshell.model.Environment;
import org.heshell.model.Host;
import org.heshell.model.Vm;

/**
 * Results as JSON for scripts and other tools, one document per line (JSON Lines: a run of several commands is
 * read line by line); field names are stable, statuses in the API's lower-case form.
 */
public final class JsonRenderer {
    private final ObjectMapper json = new ObjectMapper();

    /** A command's failure as its line of the stream. */
    public String error(String message, int exitCode) {
        return write(ordered("error", message, "exitCode", exitCode));
    }

    public String render(Result result) {
        Object value = null;
        if (result instanceof Result.HostsView v) {
            value = v.hosts().stream().map(h -> host(v.environment(), h)).toList();
        } else if (result instanceof Result.VmsView v) {
            value = v.vms().stream().map(x -> vm(v.environment(), x)).toList();
        } else if (result instanceof Result.MapView v) {
            value = v.before() == null ? map(v.environment()) : ordered("backup", v.beforeLabel(), "then",
                    map(v.before()), "now", v.environment() == null ? null : map(v.environment()));
        } else if (result instanceof Result.HostChanged c) {
            value = hostChanged(c);
        } else if (result instanceof Result.VmChanged c) {
            value = ordered("vm", c.vm().name(), "action", c.action(), "status", api(c.vm().status().name()),
                    "host", c.vm().hostId() == null ? null : c.environment().host(c.vm().hostId()).map(h -> h.name())
                            .orElse(c.vm().hostId()), "from", c.from(), "seconds", c.took().toMillis() / 1000.0);
        } else if (result instanceof Result.Connected c) {
            value = ordered("connected", c.label(), "url", c.url(), "engineVersion", c.environment().engineVersion(),
                    "hosts", c.environment().hosts().size(), "vms", c.environment().vms().size());
        } else if (result instanceof Result.BackupInspected b) {
            value = backup(b.contents());
        } else if (result instanceof Result.BackupRecorded r) {
            value = ordered("action", r.action(), "backup", entry(r.entry()), "verifiedEntries",
                    r.contents().verifiedEntries());
        } else if (result instanceof Result.BackupVerified v) {
            value = ordered("backup", v.name(), "verified", true, "checksumFile", v.contents().checksumFile(),
                    "verifiedEntries", v.contents().verifiedEntries(), "recordedSha256Checked",
                    v.recordedHashChecked());
        } else if (result instanceof Result.BackupList l) {
            List<Object> list = new ArrayList<>();
            for (var e : l.entries()) {
                Map<String, Object> m = entry(e);
                m.put("fileMissing", l.listing().missing().contains(e.id()));
                list.add(m);
            }
            l.listing().damaged().forEach(d -> list.add(ordered("damagedRecord", d.record().toString(), "problem",
                    d.problem())));
            value = list;
        } else if (result instanceof Result.BackupChecked c) {
            value = ordered("state", BackupHealth.State.values()[c.exitCode()].name(),
                    "warningSeconds", c.warning().toSeconds(), "criticalSeconds", c.critical().toSeconds(),
                    "engines", c.engines().stream().map(h -> ordered("engine", h.engine(), "state",
                            h.state().name(), "problems", h.problems(), "newestVerified", id(h.newestVerified()),
                            "newestWithFailoverHost", id(h.newestFailover()), "newestCopied", id(h.newestCopied()),
                            "lastFailure", id(h.lastFailure()), "engineEvents", engineEvents(h.engineEvents())))
                            .toList(), "engineEventsUnreadable", c.engineUnreadable());
        } else if (result instanceof Result.EnginesChecked c) {
            value = ordered("state", BackupHealth.State.values()[c.exitCode()].name(),
                    "warningSeconds", c.warning().toSeconds(), "criticalSeconds", c.critical().toSeconds(),
                    "engines", c.engines().stream().map(r -> ordered("name", r.name(), "engine", r.health().engine(),
                            "state", r.health().state().name(), "problems", r.health().problems(), "newestVerified",
                            id(r.health().newestVerified()), "newestWithFailoverHost", id(r.health().newestFailover()),
                            "newestCopied", id(r.health().newestCopied()), "lastFailure", id(r.health().lastFailure()),
                            "engineEvents", engineEvents(r.health().engineEvents()))).toList());
        } else if (result instanceof Result.BackupPruned r) {
            value = ordered("dryRun", r.dryRun(), "backups", r.verdicts().stream().map(v -> ordered("backup",
                    entry(v.entry()), "kept", v.kept(), "keptBy", v.keptBy())).toList());
        } else if (result instanceof Result.Diff d) {
            var x = d.diff();
            value = ordered("from", d.from(), "to", d.to(),
                    "hostsAdded", x.hostsAdded().stream().map(Host::name).toList(),
                    "hostsRemoved", x.hostsRemoved().stream().map(Host::name).toList(),
                    "hostsChanged", x.hostsChanged().stream().map(c -> ordered("host", c.before().name(),
                            "differences", c.differences())).toList(),
                    "vmsMoved", x.vmsMoved().stream().map(m -> ordered("vm", m.vm(), "from", m.from(), "to", m.to()))
                            .toList(),
                    "vmsAdded", x.vmsAdded().stream().map(Vm::name).toList(),
                    "vmsRemoved", x.vmsRemoved().stream().map(Vm::name).toList(),
                    "engineVmMoved", x.engineMoved() == null ? null : ordered("from", x.engineMoved().from(), "to",
                            x.engineMoved().to()));
        } else if (result instanceof Result.RestorePlanned r) {
            var p = r.plan();
            value = ordered("backup", p.backup(), "deployOn", p.deployOn(), "deployFqdn", p.deployFqdn(),
                    "engineFqdn", p.engineFqdn(), "blocked", p.blocked(), "journal", r.journal(), "resumed",
                    r.resumed(), "findings", p.findings(), "steps", p.steps());
        } else if (result instanceof Result.RestoreStatus r) {
            var j = r.journal();
            value = ordered("id", j.id(), "backup", j.plan().backup(), "deployOn", j.plan().deployOn(),
                    "stands", j.standing(r.underway()), "underway", r.underway(),
                    "steps", j.steps().stream().map(x -> ordered("id", x.id(), "title", x.title(), "state",
                            j.shown(x, r.underway()), "started", x.started() == null ? null : x.started().toString(),
                            "finished", x.finished() == null ? null : x.finished().toString(), "note", x.note(),
                            "why", j.plan().steps().stream().filter(p -> p.id().equals(x.id())).map(p -> p.why())
                                    .findFirst().orElse(null))).toList());
        } else if (result instanceof Result.RestoreList r) {
            List<Object> rows = new java.util.ArrayList<>();
            for (var c : r.listing().restores()) {
                boolean on = r.underway().contains(c.id());
                rows.add(ordered("id", c.id(), "backup", c.plan().backup(), "deployOn", c.plan().deployOn(),
                        "stands", c.standing(on), "underway", on, "created", c.created().toString()));
            }
            r.listing().damaged().forEach((id, why) -> rows.add(ordered("id", id, "damaged", why)));
            value = rows;
        } else if (result instanceof Result.HaView v) {
            var env = v.environment();
            value = ordered("globalMaintenance", env.hosts().stream().anyMatch(h -> h.hostedEngine()
                    .globalMaintenance()), "changed", v.changed(), "hosts", env.hosts().stream()
                    .filter(h -> h.hostedEngine().configured()).map(h -> ordered("name", h.name(), "status",
                            h.status().name().toLowerCase(java.util.Locale.ROOT), "active", h.hostedEngine().active(),
                            "score", h.hostedEngine().score(), "localMaintenance", h.hostedEngine().localMaintenance(),
                            "engineVm", env.engineHost().map(x -> x.id().equals(h.id())).orElse(false))).toList());
        } else if (result instanceof Result.EventsView v) {
            value = v.events().stream().map(e -> ordered("id", e.id(), "code", e.code(), "severity", e.severity(),
                    "time", e.time() == null ? null : e.time().toString(), "host", e.hostId() == null && e.hostName() == null
                    ? null : e.hostNameIn(v.environment()),
                    "description", e.description())).toList();
        } else if (result instanceof Result.LabProcessShown l) {
            var s = l.status();
            value = ordered("dir", s.dir(), "running", s.running() && !l.stopped(), "stopped", l.stopped(), "pid",
                    s.running() ? s.pid() : null, "apiUrl", s.apiUrl(), "startedAt", s.startedAt(), "speed",
                    s.running() ? s.speed() : null, "machinesUp", s.machinesUp(), "log", s.log());
        } else if (result instanceof Result.Text t && !t.text().isEmpty()) {
            value = ordered("text", t.text());
        } else if (result instanceof Result.ScriptDone d) {
            value = ordered("script", d.script(), "value", d.value() == null ? null : String.valueOf(d.value()));
        }
        return value == null ? "" : write(value);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
        }
    }

    /** What the engine said of its backups; null when it was not asked. */
    private static Map<String, Object> engineEvents(org.heshell.backup.EngineBackupEvents e) {
        if (e == null) {
            return null;
        }
        return ordered("readable", e.readable(), "unreadable", e.unreadable(), "newestCompleted",
                event(e.newestCompleted()), "newestFailed", event(e.newestFailed()), "currentFailure",
                event(e.currentFailure()), "currentAlert", event(e.currentAlert()));
    }

    private static Map<String, Object> event(org.heshell.model.EngineEvent e) {
        return e == null ? null : ordered("id", e.id(), "code", e.code(), "severity", e.severity(), "time",
                e.time() == null ? null : e.time().toString(), "description", e.description());
    }

    private static String id(org.heshell.backup.CatalogEntry e) {
        return e == null ? null : e.id();
    }

    private static Map<String, Object> entry(org.heshell.backup.CatalogEntry e) {
        return ordered("id", e.id(), "file", e.file().toString(), "engineFqdn", e.engineFqdn(), "engineVersion",
                e.engineVersion(), "size", e.size(), "sha256", e.sha256(), "createdAt", e.createdAt().toString(),
                "source", e.source(), "scope", e.scope(), "verified", e.verified(), "failoverHost", e.failoverHost(),
                "copies", e.copies().stream().map(c -> ordered("location", c.location(), "copiedAt",
                        c.copiedAt().toString(), "checkedAt", c.checkedAt().toString(), "matches", c.matches()))
                        .toList(), "encrypted", e.encrypted(), "encryptedTo", e.encryptedTo(), "fileSha256",
                e.diskSha256());
    }

    private static Map<String, Object> backup(BackupContents c) {
        Environment env = c.environment();
        var d = c.dump();
        return ordered("file", c.file().toString(), "engineFqdn", c.engineFqdn(), "engineVersion", c.engineVersion(),
                "osVersion", c.osVersion(), "schemaVersion", c.schemaVersion(), "scope", c.scope(),
                "dump", ordered("format", d.format(), "archiveVersion", d.archiveVersion(), "compression",
                        d.compression(), "serverVersion", d.serverVersion()),
                "checksumFile", c.checksumFile(), "verifiedEntries", c.verifiedEntries(),
                "files", c.files() == null ? null : ordered("files", c.files().files(), "engineFqdn",
                        c.files().engineFqdn(), "caCertificate", c.files().caCertificate(), "caKey",
                        c.files().caKey(), "databaseCredentials", c.files().databaseCredentials(), "missing",
                        c.files().missing()),
                "encryptedTo", c.encryptedTo(), "failoverHosts", c.failoverHosts().stream().map(Host::name).toList(),
                "loadedHosts", c.loadedHosts().stream().map(Host::name).toList(),
                "engineVm", env.engineVm().map(Vm::name).orElse(null),
                "engineVmHost", env.engineHost().map(Host::name).orElse(null),
                "hosts", env.hosts().stream().map(h -> host(env, h)).toList(),
                "vms", env.vms().stream().map(v -> vm(env, v)).toList());
    }

    private static Map<String, Object> host(Environment env, Host h) {
        boolean runsEngine = env.engineHost().map(e -> e.id().equals(h.id())).orElse(false);
        var he = h.hostedEngine();
        return ordered("name", h.name(), "address", h.address(), "status", api(h.status().name()),
                "vmCount", env.vmsOn(h.id()).stream().filter(v -> !v.engine()).count(),
                "hostedEngineScore", he.score(), "runsEngineVm", runsEngine, "id", h.id(), "ips", h.ips(),
                "uniqueId", h.uniqueId(), "cluster", h.cluster(),
                "hostedEngine", ordered("configured", he.configured(), "active", he.active(), "score", he.score(),
                        "localMaintenance", he.localMaintenance(), "globalMaintenance", he.globalMaintenance()));
    }

    private static Map<String, Object> vm(Environment env, Vm v) {
        return ordered("name", v.name(), "status", api(v.status().name()),
                "host", v.hostId() == null ? null : env.host(v.hostId()).map(Host::name).orElse(v.hostId()),
                "memoryMiB", v.memoryBytes() / (1024 * 1024), "engineVm", v.engine(), "id", v.id());
    }

    private static Map<String, Object> map(Environment env) {
        Map<String, List<Vm>> byHost = env.vmsByHost();
        return ordered("engine", env.engineFqdn(), "engineVersion", env.engineVersion(), "hosts",
                env.hosts().stream().map(h -> ordered("name", h.name(), "status", api(h.status().name()),
                        "vms", byHost.get(h.id()).stream().map(Vm::name).toList(),
                        "runsEngineVm", byHost.get(h.id()).stream().anyMatch(Vm::engine))).toList());
    }

    private static Map<String, Object> hostChanged(Result.HostChanged c) {
        return ordered("host", c.host().name(), "action", c.action(), "status", api(c.host().status().name()),
                "seconds", c.took().toMillis() / 1000.0,
                "migrations", c.migrations().stream().map(m -> ordered("vm", m.vm(), "from", m.from(), "to", m.to(),
                        "seconds", m.took().toMillis() / 1000.0)).toList());
    }

    private static String api(String enumName) {
        return enumName.toLowerCase(Locale.ROOT);
    }

    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], pairs[i + 1]);
        }
        return m;
    }
}

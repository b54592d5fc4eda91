package org.heshell.tutorial;

import java.time.Instant;
import java.util.List;
import org.heshell.backup.CatalogEntry;
import org.heshell.command.Result;
import org.heshell.model.Environment;
import org.heshell.model.Host;
import org.heshell.model.Vm;
import org.heshell.model.VmStatus;
import org.heshell.restore.RestorePlan;

/**
 * What a lesson's checks see: the lab as the Manager reports it now (nothing when the Manager is down), the
 * catalog, the learner's last answer and the last restore plan heshell made. Read-only, and read afresh for each
 * check round, so a check is judged by the real state and never by what was typed.
 */
public final class LessonView {
    private final Environment env;
    private final List<CatalogEntry> catalog;
    private final Instant lessonStarted;
    private final String answer;
    private final RestorePlan lastPlan;

    LessonView(Environment env, List<CatalogEntry> catalog, Instant lessonStarted, String answer, RestorePlan lastPlan) {
        this.env = env;
        this.catalog = List.copyOf(catalog);
        this.lessonStarted = lessonStarted;
        this.answer = answer;
        this.lastPlan = lastPlan;
    }

    /** True when the Manager answers. */
    public boolean getManagerUp() {
        return env != null;
    }

    public Environment getEnvironment() {
        return env;
    }

    /** A host by name, FQDN or IP; null when there is none or the Manager is down. */
    public Host host(String identifier) {
        return env == null ? null : env.findHost(identifier).orElse(null);
    }

    /** The VMs that run on a host (the engine VM included), empty when it has none or is unknown. */
    public List<Vm> vmsOn(String identifier) {
        Host h = host(identifier);
        return h == null ? List.of() : env.vmsOn(h.id()).stream().filter(v -> v.status() != VmStatus.DOWN).toList();
    }

    /** The name of the host that runs the engine VM, or null. */
    public String getEngineHost() {
        return env == null ? null : env.engineHost().map(Host::name).orElse(null);
    }

    /** The VMs besides the engine VM that run now. */
    public int getRunningVms() {
        return env == null ? 0 : (int) env.vms().stream().filter(v -> !v.engine() && v.status() == VmStatus.UP)
                .count();
    }

    public List<CatalogEntry> getCatalog() {
        return catalog;
    }

    /** The newest backup taken since the lesson started, or null. */
    public CatalogEntry getNewBackup() {
        // a backup's date is the second its id names
        java.time.Instant since = lessonStarted.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return catalog.stream().filter(e -> !e.createdAt().isBefore(since)).findFirst().orElse(null);
    }

    /** The newest backup in the catalog, or null. */
    public CatalogEntry getNewestBackup() {
        return catalog.isEmpty() ? null : catalog.get(0);
    }

    /** What the learner answered with `tutorial answer` in this step, or null. */
    public String getAnswer() {
        return answer;
    }

    /** The last restore plan heshell made in this step (restore plan, preflight), or null. */
    public RestorePlan getLastPlan() {
        return lastPlan;
    }

    static RestorePlan planOf(Result r) {
        return r instanceof Result.RestorePlanned p ? p.plan() : null;
    }

}

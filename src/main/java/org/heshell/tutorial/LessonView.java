package org.heshell.tutorial;

import java.time.Instant;
import java.util.List;
import org.heshell.backup.CatalogEntry;
import org.heshell.command.LabSiteSettings;
import org.heshell.command.Result;
import org.heshell.model.Environment;
import org.heshell.model.Host;
import org.heshell.model.Vm;
import org.heshell.model.VmStatus;
import org.heshell.restore.RestoreJournal;
import org.heshell.restore.RestorePlan;
import org.heshell.restore.TableResolver;

/**
 * What a lesson's checks see: the lab as the Manager reports it now (nothing when the Manager is down), the lab's
 * world around it (DNS, machines and their OS, the appliance, whether the engine runs), the catalog, the newest
 * restore's journal, the learner's last answer and the last restore plan heshell made. Read-only, and read afresh
 * for each check round, so a check is judged by the real state and never by what was typed.
 */
public final class LessonView {
    private final Environment env;
    private final List<CatalogEntry> catalog;
    private final Instant lessonStarted;
    private final Instant stepStarted;
    private final String answer;
    private final RestorePlan lastPlan;
    private final LabSiteSettings lab;
    private final RestoreJournal.Content restore;

    LessonView(Environment env, List<CatalogEntry> catalog, Instant lessonStarted, Instant stepStarted, String answer,
               RestorePlan lastPlan, LabSiteSettings lab, RestoreJournal.Content restore) {
        this.env = env;
        this.catalog = List.copyOf(catalog);
        this.lessonStarted = lessonStarted;
        this.stepStarted = stepStarted;
        this.answer = answer;
        this.lastPlan = lastPlan;
        this.lab = lab;
        this.restore = restore;
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
        return newestSince(lessonStarted);
    }

    /** The newest backup taken since the current step started, or null: what the learner took in this step. */
    public CatalogEntry getStepBackup() {
        return newestSince(stepStarted);
    }

    private CatalogEntry newestSince(java.time.Instant start) {
        // a backup's date is the second its id names
        java.time.Instant since = start.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return catalog.stream().filter(e -> !e.createdAt().isBefore(since)).findFirst().orElse(null);
    }

    /**
     * Whether two words name the same host (by name, FQDN or IP, as the Manager knows it): a learner answers with
     * what `hosts` or `map` shows, the name or the FQDN.
     */
    public boolean sameHost(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        if (a.strip().equalsIgnoreCase(b.strip())) {
            return true;
        }
        Host ha = host(a.strip());
        Host hb = host(b.strip());
        return ha != null && hb != null && ha.id().equals(hb.id());
    }

    /** The newest backup in the catalog, or null. */
    public CatalogEntry getNewestBackup() {
        return catalog.isEmpty() ? null : catalog.get(0);
    }

    /** When the current step started: what happened since is the learner's doing in this step. */
    public Instant getStepStarted() {
        return stepStarted;
    }

    /** What the learner answered with `tutorial answer` in this step, or null. */
    public String getAnswer() {
        return answer;
    }

    /** The last restore plan heshell made in this step (restore plan, preflight), or null. */
    public RestorePlan getLastPlan() {
        return lastPlan;
    }

    /** The lab's world around the Manager (DNS, machines, appliance, engine state), or null when there is no lab. */
    public LabSiteSettings getLab() {
        return lab;
    }

    /** Whether {@code name} resolves both ways in the lab's DNS (FQDN → IP → the same FQDN). */
    public boolean resolves(String name) {
        return lab != null && new TableResolver(lab.dns()).problem(name).isEmpty();
    }

    /** The OS release a lab machine runs (e.g. 8.10), or null. */
    public String os(String fqdn) {
        return lab == null ? null : lab.machines().stream().filter(m -> m.fqdn().equalsIgnoreCase(fqdn))
                .map(LabSiteSettings.Machine::os).findFirst().orElse(null);
    }

    /**
     * The networks the lab's cluster requires that the machine {@code fqdn} does not carry (as the Manager finds
     * them when it checks a host), empty when it carries them all; null when there is no lab or no such machine.
     */
    public List<String> missingNetworks(String fqdn) {
        if (lab == null) {
            return null;
        }
        return lab.machines().stream().filter(m -> m.fqdn().equalsIgnoreCase(fqdn)).findFirst()
                .map(m -> lab.networks().stream().filter(LabSiteSettings.Network::required)
                        .map(LabSiteSettings.Network::name).filter(n -> !m.networks().contains(n)).toList())
                .orElse(null);
    }

    /** The engine appliance the lab's hosts carry (its version-release, e.g. 4.5-20241010.1.el8), or null. */
    public String getAppliance() {
        return lab == null ? null : lab.appliance();
    }

    /** Whether the lab's engine is up, gone, hung or a restore's bootstrap engine; null when there is no lab. */
    public String getEngineState() {
        return lab == null ? null : lab.engine();
    }

    /** The newest restore planned since the lesson started (its plan and each step's state), or null. */
    public RestoreJournal.Content getNewRestore() {
        return restore != null && !restore.created().isBefore(lessonStarted) ? restore : null;
    }

    /** The state of a step of that restore (pending, running, done, failed, stopped), or null. */
    public String restoreStep(String id) {
        RestoreJournal.Content r = getNewRestore();
        return r == null ? null : r.steps().stream().filter(st -> st.id().equals(id))
                .map(RestoreJournal.StepState::state).findFirst().orElse(null);
    }

    static RestorePlan planOf(Result r) {
        return r instanceof Result.RestorePlanned p ? p.plan() : null;
    }

}

package org.heshell.restore;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.schmizz.sshj.sftp.SFTPClient;
import org.heshell.backup.BackupArchive;
import org.heshell.backup.Identity;
import org.heshell.backup.OpenPgp;
import org.heshell.engine.EngineException;
import org.heshell.engine.HostWait;
import org.heshell.model.Environment;
import org.heshell.model.EnvironmentDiff;
import org.heshell.model.Host;
import org.heshell.model.HostStatus;
import org.heshell.model.VmStatus;
import org.heshell.remote.SftpPut;
import org.heshell.remote.SshSession;

/**
 * Walks a restore plan's steps to the end. Each step looks at the real state before acting (a copy that is there,
 * an engine that answers, a host that is Up again), so a run killed anywhere resumes at the first unfinished step
 * and never repeats a done one. Between steps is a safe point: Ctrl-C stops there.
 */
public final class RestoreRunner {
    private static final Pattern PAUSE = Pattern.compile("Pause execution until (\\S+) is removed");
    private static final Duration ENGINE_TIMEOUT = Duration.ofMinutes(60);
    private static final Duration HOST_TIMEOUT = Duration.ofMinutes(30);
    /** How long the paused deployment's Manager may take to answer at the engine's URL before the user is asked. */
    private static final Duration PAUSE_TIMEOUT = Duration.ofMinutes(3);
    /** How long a host Up with hosted engine may take until its HA agent gives it a score (at the clock's speed). */
    private static final Duration SCORE_TIMEOUT = Duration.ofMinutes(10);

    private final RestoreJournal journal;
    private final RestoreWorld world;
    private final Set<String> skip;
    private final RestorePlan plan;
    /** The backup's environment, read (and verified) once per run: the per-host steps and the comparison need it. */
    private Environment backup;

    public RestoreRunner(RestoreJournal journal, RestoreWorld world, Set<String> skip) {
        this.journal = journal;
        this.world = world;
        this.skip = Set.copyOf(skip);
        this.plan = journal.content().plan();
    }

    /** Runs every step not done yet; returns the journal as it ends. */
    public RestoreJournal.Content run() {
        for (PlanStep next = next(); next != null; next = next()) {
            PlanStep step = next;
            if (Thread.currentThread().isInterrupted()) {
                throw new RestoreException("stopped before step " + step.id() + "; `restore run " + journal.id()
                        + "` goes on from there");
            }
            world.progress().step("step " + step.id() + ": " + step.title());
            if (skip.contains(step.id())) {
                journal.done(step.id(), "skipped at the user's request");
                continue;
            }
            journal.started(step.id());
            try {
                journal.done(step.id(), perform(step));
            } catch (RuntimeException e) {
                String why = e.getMessage() != null ? e.getMessage() : e.toString();
                boolean saysHow = why.contains("restore run"); // the message already tells how to go on
                String again = "`restore run " + journal.id() + "` goes on from ";
                if (Thread.currentThread().isInterrupted() || e instanceof HostWait.Interrupted) {
                    // Ctrl-C: what was under way goes on by itself; the step is not failed, only unfinished.
                    journal.stopped(step.id(), why);
                    Thread.currentThread().interrupt();
                    throw new RestoreException("stopped in step " + step.id() + ": " + why
                            + (saysHow ? "" : "; " + again + "there"), e);
                }
                journal.failed(step.id(), why);
                throw new RestoreException("step " + step.id() + " failed: " + why
                        + (saysHow ? "" : "; fix it, then " + again + "this step"), e);
            }
        }
        return journal.content();
    }

    /**
     * The first step not done, in the plan's order; among the hosts still to redeploy, the one carrying the fewest
     * VMs now goes first: its VMs must find room on the hosts that are Up, and each redeployed host adds room.
     */
    private PlanStep next() {
        List<PlanStep> pending = plan.steps().stream().filter(s -> !journal.step(s.id()).state().equals("done"))
                .toList();
        if (pending.isEmpty()) {
            return null;
        }
        PlanStep first = pending.get(0);
        if (!first.id().startsWith("redeploy:")) {
            return first;
        }
        Optional<Environment> live;
        try {
            live = world.manager();
        } catch (RuntimeException e) {
            return first; // the step itself will say what is wrong with the Manager
        }
        if (live.isEmpty()) {
            return first;
        }
        Environment env = live.get();
        return pending.stream().filter(s -> s.id().startsWith("redeploy:"))
                .min(java.util.Comparator.comparingInt((PlanStep s) -> env.hosts().stream()
                        .filter(h -> h.name().equals(s.host())).mapToInt(h -> env.vmsOn(h.id()).size()).sum()))
                .orElse(first);
    }

    private String perform(PlanStep step) {
        String id = step.id();
        if (id.equals("copy")) {
            return copy();
        } else if (id.equals("deploy")) {
            return deploy();
        } else if (id.equals("remove-old-host")) {
            // Done during the deployment's pause; reaching it here means the deployment never paused.
            return deploymentDone().isPresent() ? "the deployment went through without pausing" : removeOldHost();
        } else if (id.equals("wait-engine")) {
            Environment env = awaitDeployment();
            return "engine " + env.engineFqdn() + " answers; " + plan.hostName() + " is Up with hosted engine";
        } else if (id.startsWith("redeploy:")) {
            return redeploy(step.host());
        } else if (id.startsWith("remove-lost:")) {
            return removeLost(step.host());
        } else if (id.equals("compare")) {
            return compare();
        }
        throw new RestoreException("this heshell does not know step '" + id + "'; the journal is from a newer one");
    }

    /** Where the archive goes on the deploying host: an encrypted backup's name without .gpg, as gpg would. */
    private String remoteFile() {
        return RestorePlanner.REMOTE_DIR + "/" + plan.backupFile().getFileName().toString()
                .replaceFirst("\\.gpg$", "");
    }

    private String copy() {
        Path file = plan.backupFile();
        SftpPut.Source source = SftpPut.Source.of(file);
        if (OpenPgp.isMessage(file)) {
            // The host needs the archive itself (hosted-engine --restore-from-file): decrypted as it is sent.
            Identity identity = identity(file);
            source = new SftpPut.Source() {
                @Override
                public InputStream open() throws IOException {
                    return OpenPgp.decrypt(Files.newInputStream(file), identity, file.getFileName().toString());
                }

                @Override
                public String name() {
                    return file + " (decrypted)";
                }
            };
        }
        try (SshSession ssh = world.ssh(plan.deployFqdn()); SFTPClient sftp = ssh.sftp()) {
            SftpPut.Put put = SftpPut.put(ssh, sftp, source, remoteFile(), world.progress());
            if (put.alreadyThere()) {
                return "already on " + plan.deployFqdn() + " (sha256 matches)";
            }
            return "copied to " + plan.deployFqdn() + ":" + remoteFile() + (put.resumedFrom() > 0 ? " (resumed at "
                    + put.resumedFrom() + " bytes)" : "") + ", sha256 matches";
        } catch (java.io.IOException e) {
            throw new RestoreException("closing SFTP to " + plan.deployFqdn() + " failed: " + e.getMessage(), e);
        }
    }

    private String deploy() {
        if (deploymentDone().isPresent()) {
            return "already deployed: the engine answers and " + plan.hostName() + " is Up with hosted engine";
        }
        try (SshSession ssh = world.ssh(plan.deployFqdn())) {
            Optional<String> lock = pendingLock(ssh);
            if (lock.isPresent()) {
                world.progress().step("a deployment is paused on " + plan.deployFqdn() + " at adding the host");
                pause(ssh, lock.get());
                awaitDeployment();
                return "the paused deployment went on and finished";
            }
            if (world.manager().isPresent()) {
                world.progress().step("a deployment is under way on " + plan.deployFqdn() + "; waiting for it");
                awaitDeployment();
                return "the deployment under way finished";
            }
            List<String> errors = new ArrayList<>();
            // he_pause_host: the role stops before adding the host, so the old record goes before it can conflict;
            // a failed engine-backup restore is not waited on: nobody here fixes the bootstrap VM by hand.
            String vars = "{\"he_host_name\": " + json(plan.hostName()) + ", \"he_pause_host\": true,"
                    + " \"he_pause_after_failed_restore\": false" + storageVars() + "}";
            String command = "hosted-engine --deploy --restore-from-file=" + SshSession.quote(remoteFile()) + " "
                    + SshSession.quote("--ansible-extra-vars=" + vars);
            int code = ssh.exec(command, line -> {
                world.progress().step("hosted-engine: " + line.strip());
                Matcher m = PAUSE.matcher(line);
                if (m.find()) {
                    pause(ssh, m.group(1));
                }
            }, line -> {
                errors.add(line);
                world.progress().step("hosted-engine: " + line.strip());
            });
            if (code != 0) {
                throw new RestoreException(explain(code, errors));
            }
            awaitDeployment();
            return "deployed on " + plan.deployFqdn() + " with " + remoteFile();
        }
    }

    /** A JSON string. */
    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * The role's storage answers for the new engine VM when the plan names new storage (NFS, SERVER:/PATH): the
     * old hosted_storage is renamed hosted_storage_old_* in the restored database and a new one made there.
     */
    private String storageVars() {
        if (plan.storage() == null) {
            return "";
        }
        int colon = plan.storage().indexOf(":/");
        return ", \"he_domain_type\": \"nfs\", \"he_storage_domain_addr\": " + json(plan.storage().substring(0,
                colon)) + ", \"he_storage_domain_path\": " + json(plan.storage().substring(colon + 1));
    }

    /** The deployment failed: why, in the procedure's terms, and what to do. */
    private String explain(int code, List<String> errors) {
        String last = errors.isEmpty() ? "no error output" : errors.stream().filter(l -> l.contains("FATAL: "))
                .findFirst().or(() -> errors.stream().filter(l -> l.contains("ERROR")).reduce((a, b) -> b))
                .orElse(errors.get(errors.size() - 1)).strip(); // the first FATAL is the cause, later errors follow
        Matcher still = Pattern.compile("Still in the Manager: (.*?)\\.\"").matcher(String.join("\n", errors));
        if (still.find()) {
            return "hosted-engine --deploy failed on " + plan.deployFqdn() + " at adding the host: "
                    + still.group(1) + " is still in the restored Manager. The procedure: remove the old record"
                    + " before the new host synchronizes; `restore run " + journal.id() + "` (without --skip"
                    + " remove-old-host) removes it at the deployment's pause";
        }
        return "hosted-engine --deploy failed on " + plan.deployFqdn() + " (exit " + code + "): " + last
                + "; its log is under /var/log/ovirt-hosted-engine-setup there";
    }

    /** The deployment paused at adding the host: remove the old record the plan named, then let it go on. */
    private void pause(SshSession ssh, String lock) {
        boolean journaled = plan.steps().stream().anyMatch(s -> s.id().equals("remove-old-host"));
        if (!skip.contains("remove-old-host")) {
            if (journaled) {
                journal.started("remove-old-host");
            }
            String note = removeOldHost();
            if (journaled) {
                journal.done("remove-old-host", note);
            }
        } else {
            world.progress().step("not removing the old host record (--skip remove-old-host)");
        }
        SshSession.Output rm = ssh.run("rm -f " + SshSession.quote(lock));
        if (rm.code() != 0) {
            throw new RestoreException("cannot remove the deployment's lock file " + lock + " on "
                    + plan.deployFqdn() + ": " + rm.err().strip());
        }
        world.progress().step("removed " + lock + ": the deployment goes on");
    }

    /**
     * Removes the old record of the deploying host from the restored Manager: only the record the plan approved
     * (it carried no VMs at backup time). Anything else that blocks is left for the user, with what to do.
     */
    private String removeOldHost() {
        // While the deployment pauses, its bootstrap engine answers on the deploying host (port 6900); the engine's
        // own URL reaches it where the FQDN already points there (the lab, a workstation with that /etc/hosts).
        Environment env;
        try {
            env = await("the paused deployment's Manager at the engine's URL", world::manager, PAUSE_TIMEOUT);
        } catch (RestoreException e) {
            throw new RestoreException("the deployment paused on " + plan.deployFqdn() + " before adding the host,"
                    + " but its Manager does not answer at the engine's URL from here; remove old '"
                    + plan.oldRecord() + "' in its Administration Portal at https://" + plan.deployFqdn()
                    + ":6900/ovirt-engine/ (maintenance, then remove), then `restore run " + journal.id()
                    + " --skip remove-old-host` lets the deployment go on", e);
        }
        List<Host> conflicting = env.hosts().stream().filter(h -> h.name().equalsIgnoreCase(plan.hostName())
                || h.address().equalsIgnoreCase(plan.deployFqdn())).toList();
        List<String> removed = new ArrayList<>();
        for (Host h : conflicting) {
            if (!h.name().equals(plan.oldRecord())) {
                throw new RestoreException("the restored Manager has " + h.name() + " (" + h.address() + "), which"
                        + " matches the deploying host but is not the old record the plan approved; remove or rename"
                        + " it in the Administration Portal, then remove the deployment's lock file on "
                        + plan.deployFqdn() + " (ls /tmp/*_he_setup_lock)");
            }
            if (!EnumSet.of(HostStatus.MAINTENANCE, HostStatus.NON_RESPONSIVE, HostStatus.DOWN,
                    HostStatus.NON_OPERATIONAL, HostStatus.INSTALL_FAILED).contains(h.status())) {
                if (h.status() != HostStatus.PREPARING_FOR_MAINTENANCE) {
                    world.engine().deactivate(h);
                }
                HostWait.until(world.engine(), env, h, EnumSet.of(HostStatus.MAINTENANCE), HOST_TIMEOUT,
                        world.clockSpeed(), world.progress());
            }
            world.engine().remove(h);
            removed.add("'" + h.name() + "' (" + h.address() + ")");
            world.progress().step("removed old " + h.name() + " from the restored Manager");
        }
        return removed.isEmpty() ? "no old record was left" : "removed old " + String.join(", ", removed)
                + " before the new host synchronized";
    }

    private Optional<String> pendingLock(SshSession ssh) {
        SshSession.Output ls = ssh.run("ls -1 /tmp");
        return ls.code() != 0 ? Optional.empty() : ls.out().lines().filter(l -> l.endsWith("_he_setup_lock"))
                .map(l -> "/tmp/" + l.strip()).findFirst();
    }

    /** The environment once the deploying host is Up with hosted engine and the engine VM runs on it. */
    private Optional<Environment> deploymentDone() {
        return world.manager().filter(env -> env.hosts().stream().anyMatch(h -> h.name().equals(plan.hostName())
                && h.status() == HostStatus.UP && h.hostedEngine().configured())
                && env.engineVm().filter(v -> v.status() == VmStatus.UP).isPresent());
    }

    private Environment awaitDeployment() {
        return await("the engine and " + plan.hostName() + " Up with hosted engine", this::deploymentDone,
                ENGINE_TIMEOUT);
    }

    private Environment awaitManager() {
        return await("the restored Manager's API", world::manager, ENGINE_TIMEOUT);
    }

    private Environment await(String what, java.util.function.Supplier<Optional<Environment>> check,
                              Duration timeout) {
        long t0 = System.nanoTime();
        long poll = 200;
        while (true) {
            Optional<Environment> env = check.get();
            if (env.isPresent()) {
                return env.get();
            }
            long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
            if (seconds > timeout.toSeconds()) {
                throw new RestoreException("gave up waiting for " + what + " after " + seconds + " s; see the"
                        + " deployment's log under /var/log/ovirt-hosted-engine-setup on " + plan.deployFqdn());
            }
            world.progress().status("waiting for " + what + " … " + seconds + " s");
            try {
                Thread.sleep(poll);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RestoreException("stopped waiting for " + what + "; the deployment goes on by itself;"
                        + " `restore run " + journal.id() + "` picks it up");
            }
            poll = Math.min(3000, poll * 3 / 2);
        }
    }

    /** A hosted-engine host back Non Operational: maintenance, remove, add again with hosted-engine deployment. */
    private String redeploy(String name) {
        Environment env = awaitManager();
        Host original = backupEnvironment().hosts().stream()
                .filter(h -> h.name().equals(name)).findFirst().orElseThrow(() -> new RestoreException(
                        "the backup has no host " + name));
        Optional<Host> now = env.hosts().stream().filter(h -> h.name().equals(name)).findFirst();
        if (now.isPresent() && !now.get().id().equals(original.id()) && now.get().status() == HostStatus.UP
                && now.get().hostedEngine().configured()) {
            return name + " is Up with hosted engine already" + awaitScore(name);
        }
        String cluster = original.cluster().isEmpty() ? "Default" : original.cluster();
        if (now.isPresent() && now.get().id().equals(original.id())) {
            Host h = now.get();
            if (h.status() != HostStatus.MAINTENANCE) {
                world.progress().step(name + " is " + h.status().label() + ": maintenance first");
                if (h.status() != HostStatus.PREPARING_FOR_MAINTENANCE) { // else asked already, by an earlier run
                    world.engine().deactivate(h);
                }
                env = HostWait.until(world.engine(), env, h, EnumSet.of(HostStatus.MAINTENANCE), HOST_TIMEOUT,
                        world.clockSpeed(), world.progress()).environment();
            }
            world.engine().remove(h);
            world.progress().step("removed " + name);
            env = awaitManager();
            now = Optional.empty();
        }
        if (now.isEmpty()) {
            world.engine().addHost(name, original.address(), cluster, true);
            world.progress().step("added " + name + " (" + original.address() + ") with hosted-engine deployment");
            env = awaitManager();
        }
        Host added = env.hosts().stream().filter(h -> h.name().equals(name)).findFirst().orElseThrow(
                () -> new RestoreException(name + " vanished from the Manager while being added"));
        try {
            HostWait.Outcome o = HostWait.until(world.engine(), env, added, EnumSet.of(HostStatus.UP,
                    HostStatus.INSTALL_FAILED, HostStatus.NON_OPERATIONAL), HOST_TIMEOUT, world.clockSpeed(),
                    world.progress());
            if (o.host().status() == HostStatus.INSTALL_FAILED) {
                throw new RestoreException("installing " + name + " failed; see its events in the Administration"
                        + " Portal (is the machine reachable, the engine's key authorized?)");
            }
            if (o.host().status() == HostStatus.NON_OPERATIONAL) {
                throw new RestoreException(nonOperational(o.host()));
            }
        } catch (EngineException e) {
            throw new RestoreException(e.getMessage(), e);
        }
        return name + " removed and added again with hosted-engine deployment; Up" + awaitScore(name);
    }

    /**
     * A host lost for good: the restored Manager has it (Non Responsive); its record goes, forced, as it cannot be
     * put into maintenance. Refused while the Manager still counts VMs running on it.
     */
    private String removeLost(String name) {
        Environment env = awaitManager();
        Optional<Host> h = env.hosts().stream().filter(x -> x.name().equals(name)).findFirst();
        if (h.isEmpty()) {
            return name + " is not in the restored Manager (removed already)";
        }
        try {
            world.engine().remove(h.get(), true);
        } catch (EngineException e) {
            throw new RestoreException("cannot remove lost " + name + " (" + h.get().status().label() + "): "
                    + e.getMessage() + "; remove it by hand (`host remove --force '" + name + "'`), then `restore"
                    + " run " + journal.id() + " --skip remove-lost:" + name + "`", e);
        }
        world.progress().step("removed lost " + name + " from the restored Manager");
        return "removed lost " + name + " (it was " + h.get().status().label() + ") from the restored Manager";
    }

    /**
     * A re-added host the Manager installed but will not run: why, in the Manager's own words (the newest warning
     * it logged for the host), and the way on.
     */
    private String nonOperational(Host h) {
        String why = world.engine().events(100, null).stream().filter(e -> h.id().equals(e.hostId())
                && !e.severity().equals("normal")).map(org.heshell.model.EngineEvent::description).findFirst()
                .orElse("its events say why (`events --host '" + h.name() + "'`)");
        return h.name() + " was added again but is Non Operational: " + why + "; give it what it lacks (a missing"
                + " network: `host attach-network '" + h.name() + "' NETWORK NIC`), activate it (`host activate '"
                + h.name() + "'`), then `restore run " + journal.id() + "` goes on";
    }

    /**
     * Up is not enough: the host can take the engine VM only once its HA agent gives it a score above 0. Waits for
     * it; fails naming the host and where to look when it does not come.
     */
    private String awaitScore(String name) {
        Duration timeout = Duration.ofMillis(Math.max(5_000, Math.round(SCORE_TIMEOUT.toMillis()
                / world.clockSpeed())));
        Optional<Environment> scored;
        try {
            Environment env = await(name + "'s hosted-engine HA score", () -> world.manager().filter(e -> e.hosts()
                    .stream().anyMatch(h -> h.name().equals(name) && h.hostedEngine().score() > 0)), timeout);
            scored = Optional.of(env);
        } catch (RestoreException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw e;
            }
            scored = Optional.empty();
        }
        Host h = scored.or(world::manager).flatMap(e -> e.hosts().stream().filter(x -> x.name().equals(name))
                .findFirst()).orElseThrow(() -> new RestoreException(name + " vanished from the Manager"));
        if (h.hostedEngine().score() <= 0) {
            throw new RestoreException(unscored(h));
        }
        return ", HA score " + h.hostedEngine().score();
    }

    /** A hosted-engine host Up with HA score 0: what it means and where to look. */
    private static String unscored(Host h) {
        return h.name() + " is " + h.status().label() + " but its hosted-engine HA score is 0: the engine VM cannot"
                + " fail over to it; on " + h.address() + " check the HA agent (systemctl status ovirt-ha-agent"
                + " ovirt-ha-broker; hosted-engine --vm-status)";
    }

    /** The private key for an encrypted backup, which this run was given (--decrypt-with), or a one-line refusal. */
    private Identity identity(Path file) {
        Identity identity = world.identity();
        if (identity == null) {
            throw new RestoreException("the backup " + file.getFileName() + " is encrypted; give its private key: "
                    + "`restore run " + journal.id() + " --decrypt-with KEY`");
        }
        return identity;
    }

    private Environment backupEnvironment() {
        if (backup == null) {
            Path file = plan.backupFile();
            backup = BackupArchive.inspect(file, OpenPgp.isMessage(file) ? identity(file) : null).contents()
                    .environment();
        }
        return backup;
    }

    /**
     * The end state against the backup: every VM that ran at backup time runs again, every hosted-engine host is
     * Up with an HA score. Anything else fails the step, naming what is wrong, so the restore is not "finished".
     */
    private String compare() {
        Environment live = awaitManager();
        Environment then = backupEnvironment();
        EnvironmentDiff diff = EnvironmentDiff.between(then, live);
        long running = live.vms().stream().filter(v -> !v.engine() && v.status() == VmStatus.UP).count();
        String engineOn = live.engineHost().map(Host::name).orElse("no host");
        long up = live.hosts().stream().filter(h -> h.status() == HostStatus.UP).count();
        List<String> problems = new ArrayList<>();
        List<String> stopped = new ArrayList<>();
        Set<String> lostHosts = new java.util.HashSet<>();
        plan.steps().stream().filter(s -> s.id().startsWith("remove-lost:")).forEach(s -> then.findHost(s.host())
                .ifPresent(h -> lostHosts.add(h.id())));
        List<String> withLost = new ArrayList<>();
        for (org.heshell.model.Vm v : then.vms()) {
            if (v.engine() || !RUNNING.contains(v.status())) {
                continue;
            }
            Optional<org.heshell.model.Vm> now = live.vms().stream().filter(x -> x.id().equals(v.id())).findFirst()
                    .or(() -> live.findVm(v.name()));
            if (now.isPresent() && RUNNING.contains(now.get().status())) {
                continue;
            }
            if (lostHosts.contains(v.hostId())) {
                withLost.add(v.name()); // it ran on a host lost for good: the plan said to start it elsewhere
            } else {
                stopped.add(v.name() + " (" + now.map(x -> x.status().label()).orElse("gone") + ")");
            }
        }
        if (!stopped.isEmpty()) {
            problems.add(stopped.size() + " VM" + (stopped.size() == 1 ? "" : "s") + " that ran at backup time "
                    + (stopped.size() == 1 ? "does" : "do") + " not run now: " + String.join(", ", stopped)
                    + "; find why in their events and start them in the Administration Portal");
        }
        for (Host h : live.hosts()) {
            if (!h.hostedEngine().configured()) {
                continue;
            }
            if (h.status() != HostStatus.UP) {
                problems.add("hosted-engine host " + h.name() + " is " + h.status().label() + ", not Up");
            } else if (h.hostedEngine().score() <= 0) {
                problems.add(unscored(h));
            }
        }
        if (live.engineHost().isEmpty()) {
            problems.add("the engine VM runs on no host");
        }
        String summary = "engine VM on " + engineOn + "; " + up + " of " + live.hosts().size() + " hosts Up; "
                + running + " VMs running" + (withLost.isEmpty() ? "" : "; down with the lost host"
                + (lostHosts.size() == 1 ? "" : "s") + ": " + String.join(", ", withLost) + " (start them on the"
                + " other hosts: vm start " + withLost.get(0) + ")");
        if (!problems.isEmpty()) {
            throw new RestoreException(summary + ", but " + String.join("; ", problems) + "; then `restore run "
                    + journal.id() + "` compares again");
        }
        return summary + (withLost.isEmpty() ? " (all that ran at backup time)" : "; the others that ran at backup"
                + " time run") + "; against the backup: " + (diff.isEmpty() ? "no difference"
                : diff.hostsChanged().size() + " hosts changed, " + diff.hostsAdded().size() + " added, "
                + diff.hostsRemoved().size() + " removed");
    }

    /** VM states that count as running, at backup time and now. */
    private static final Set<VmStatus> RUNNING = EnumSet.of(VmStatus.UP, VmStatus.MIGRATING, VmStatus.POWERING_UP,
            VmStatus.REBOOT_IN_PROGRESS, VmStatus.POWERING_DOWN, VmStatus.PAUSED, VmStatus.NOT_RESPONDING);
}

package org.heshell.restore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.heshell.backup.BackupContents;
import org.heshell.model.ByteSize;
import org.heshell.model.Environment;
import org.heshell.model.Host;
import org.heshell.model.HostStatus;

/**
 * Checks a restore against the procedure ("Backing up and Restoring a RHEL-Based Self-Hosted Environment") and
 * lays out its steps. Pure: the backup and the live facts come in, a plan comes out.
 */
public final class RestorePlanner {
    /** Where the backup is copied on the deploying host. */
    public static final String REMOTE_DIR = "/root";

    private RestorePlanner() {
    }

    public static RestorePlan plan(String backupId, Path file, long size, BackupContents backup, RestoreFacts facts) {
        Environment env = backup.environment();
        DeployHost host = facts.host();
        List<Finding> findings = new ArrayList<>();
        Optional<Host> matched = env.findHost(host.asked()).or(() -> env.findHost(host.fqdn()));
        String hostName = matched.map(Host::name).orElse(host.fqdn());
        List<String> ips = facts.dns().forward(host.fqdn());

        findings.add(reachable(host));
        Host old = identifiers(env, host, hostName, ips, findings);
        findings.add(hostOs(env, host, old));
        findings.add(managerOs(backup, host));
        Optional<String> named = backup.namedEngineFqdn();
        findings.add(engineFqdn(named, facts));
        findings.add(named.map(fqdn -> dns("dns-engine", "the engine FQDN", fqdn, facts.dns()))
                .orElse(unnamed("dns-engine", "the engine FQDN's DNS records")));
        findings.add(dns("dns-host", "the deploying host", host.fqdn(), facts.dns()));
        findings.add(verified(backup));
        findings.add(files(backup));
        findings.add(version(backup, host));
        findings.add(space(size, host));
        findings.add(managerStopped(facts, backup.engineFqdn()));
        if (facts.haAgents() != null && facts.haAgents().storageProblem() != null) {
            findings.add(storageGone(facts.haAgents(), facts.newStorage()));
        } else if (facts.newStorage() != null) {
            findings.add(Finding.ok("storage", "the new engine VM goes on new storage " + facts.newStorage(),
                    "--storage " + facts.newStorage() + " (NFS); the restored Manager keeps the old domain as"
                            + " hosted_storage_old_*"));
        }
        Set<String> lost = new LinkedHashSet<>();
        for (RestoreFacts.Unreachable u : facts.unreachable()) {
            findings.add(lostHost(u, env));
            lost.add(u.name());
        }

        String remote = REMOTE_DIR + "/" + file.getFileName();
        List<PlanStep> steps = new ArrayList<>();
        steps.add(new PlanStep("copy", "Copy " + file.getFileName() + " (" + ByteSize.text(size) + ") to " + host.fqdn() + ":"
                + remote + ", resumable, checked by sha256", "", "the deployment restores from a file on the host"));
        steps.add(new PlanStep("deploy", "Deploy a new engine VM on " + host.fqdn()
                + " with hosted-engine --deploy --restore-from-file=" + remote + (facts.newStorage() != null
                ? ", on new storage " + facts.newStorage() : ""), "",
                "the backup is restored into the new Manager before engine-setup runs"));
        if (old != null) {
            steps.add(new PlanStep("remove-old-host", "Remove old '" + old.name() + "' from the restored Manager"
                    + " when the deployment pauses at adding the host", old.name(),
                    "the old record shares the new host's identifiers; while it is there, the host cannot"
                            + " synchronize with the engine VM and the deployment fails"));
        }
        steps.add(new PlanStep("wait-engine", "Wait until the engine answers and " + hostName
                + " is Up with hosted engine", "", "the deployment ends when host and engine VM are synchronized"));
        for (Host h : env.hosts()) {
            if (lost.contains(h.name()) && h != old && !h.isKnownAs(host.fqdn())) {
                steps.add(new PlanStep("remove-lost:" + h.name(), "Remove " + h.name() + ", lost for good, from the"
                        + " restored Manager (host remove --force '" + h.name() + "')", h.name(),
                        "a lost host cannot be redeployed; its record would stay Non Responsive"));
            } else if (h.hostedEngine().configured() && h != old && !h.isKnownAs(host.fqdn())) {
                steps.add(new PlanStep("redeploy:" + h.name(), "Redeploy " + h.name() + ": maintenance, remove, add"
                        + " again with hosted-engine deployment", h.name(),
                        "hosted-engine hosts other than the deploying one come back Non Operational"));
            }
        }
        steps.add(new PlanStep("compare", "Compare the environment with the backup and report", "",
                "the end state is the backup's, with the engine VM on " + hostName));
        return new RestorePlan(backupId, file, size, backup.engineFqdn(), host.asked(), host.fqdn(), hostName,
                old == null ? "" : old.name(), findings, steps, facts.newStorage());
    }

    private static Finding reachable(DeployHost host) {
        if (host.unreachable() != null) {
            return new Finding("ssh", Finding.Level.BLOCK, "cannot reach " + host.asked() + " over SSH",
                    host.unreachable(), "nothing can be checked or deployed on it; a host lost for good cannot be"
                            + " the deploying host",
                    "deploy on another hosted-engine host of the backup, or a new one (restore plan BACKUP"
                            + " --deploy-on OTHER); if this one only needs fixing: install RHEL on it, authorize"
                            + " heshell's key for root, and check the name (`ssh root@" + host.asked() + "`)");
        }
        return Finding.ok("ssh", host.fqdn() + " answers over SSH", "hostname -f: " + host.fqdn());
    }

    /**
     * The identifier rule: a backup host sharing a name, FQDN or IP with the deploying host blocks when it carried
     * VMs, and is the old record to remove when it did not (a failover host). Returns that record, or null.
     */
    private static Host identifiers(Environment env, DeployHost host, String hostName, List<String> ips,
                                    List<Finding> findings) {
        Host old = null;
        for (Host h : env.hosts()) {
            Set<String> same = shared(h, host.fqdn(), hostName, host.asked(), ips);
            if (same.isEmpty()) {
                continue;
            }
            org.heshell.model.Load load = org.heshell.model.Load.on(env, h.id());
            String evidence = h.name() + " in the backup: " + h.status().label() + ", " + load.phrase()
                    + "; shares " + String.join(", ", same) + " with the deploying host";
            if (!load.empty()) {
                findings.add(new Finding("identifiers", Finding.Level.BLOCK, h.name() + " carried VMs at backup time"
                        + " and matches the deploying host", evidence,
                        "the restored database holds " + h.name() + " with those identifiers and its VMs; the new"
                                + " host cannot synchronize with the engine VM and the deployment fails",
                        failoverAdvice(env, host)));
            } else if (old == null) {
                old = h;
                boolean failover = h.status() == HostStatus.MAINTENANCE && h.hostedEngine().configured();
                findings.add(new Finding("identifiers", failover ? Finding.Level.OK : Finding.Level.WARN,
                        h.name() + (failover ? " was the failover host" : " carried no VMs") + " at backup time: it"
                                + " may deploy", evidence,
                        failover ? "" : "it was " + h.status().label() + ", not in Maintenance, at backup time",
                        "heshell removes old '" + h.name() + "' from the restored Manager before the new host"
                                + " synchronizes (step remove-old-host)"));
            } else {
                findings.add(new Finding("identifiers", Finding.Level.BLOCK, "two hosts of the backup match the"
                        + " deploying host", evidence + "; and so does " + old.name(),
                        "only one old record can be removed before synchronization", failoverAdvice(env, host)));
            }
        }
        if (findings.stream().noneMatch(f -> f.rule().equals("identifiers"))) {
            findings.add(Finding.ok("identifiers", host.fqdn() + " is a new host: it matches no host of the backup"
                    + " by name, FQDN or IP", "name " + hostName + ", FQDN " + host.fqdn() + ", IP "
                    + (ips.isEmpty() ? "unknown" : String.join(", ", ips)) + "; backup hosts: "
                    + String.join(", ", env.hosts().stream().map(Host::name).toList())));
        }
        return old;
    }

    /** The identifiers {@code h} shares with the deploying host; names and FQDNs compare case-insensitively. */
    private static Set<String> shared(Host h, String fqdn, String name, String asked, List<String> ips) {
        Set<String> same = new LinkedHashSet<>();
        for (String id : List.of(name, fqdn, asked)) {
            if (h.name().equalsIgnoreCase(id)) {
                same.add("name " + h.name());
            }
            if (h.address().equalsIgnoreCase(id)) {
                same.add("FQDN " + h.address());
            }
        }
        h.ips().stream().filter(ip -> ips.contains(ip) || ip.equals(asked)).forEach(ip -> same.add("IP " + ip));
        return same;
    }

    private static String failoverAdvice(Environment env, DeployHost host) {
        List<Host> failover = env.failoverHosts();
        return (failover.isEmpty() ? "" : "deploy on the failover host " + failover.get(0).name() + " ("
                + failover.get(0).address() + "), or ") + "on a new host whose name, FQDN and IPs match no host of"
                + " the backup (e.g. a freshly installed host with its own address); for the next backups, use"
                + " backup-she, which takes them with a failover host";
    }

    private static Finding hostOs(Environment env, DeployHost host, Host old) {
        if (host.os() == null) {
            return new Finding("os-host", host.unreachable() != null ? Finding.Level.BLOCK : Finding.Level.WARN,
                    "the deploying host's OS is unknown", "cat /etc/os-release gave no ID and VERSION_ID", "",
                    "check that it runs the same RHEL release as the original hosts");
        }
        List<Host> originals = old != null ? List.of(old)
                : env.hosts().stream().filter(h -> h.hostedEngine().configured()).toList();
        List<OsVersion> versions = originals.stream().map(h -> OsVersion.parse(h.os())).flatMap(Optional::stream)
                .distinct().toList();
        if (versions.isEmpty()) {
            return new Finding("os-host", Finding.Level.WARN, "the backup does not say which OS the hosts ran",
                    "no host_os in the backup's hosts; the deploying host runs " + host.os(), "",
                    "make sure the deploying host runs the same OS release as the original hosts");
        }
        String who = old != null ? "old " + old.name() : "the backup's hosted-engine hosts";
        if (versions.stream().noneMatch(host.os()::sameReleaseAs)) {
            return new Finding("os-host", Finding.Level.BLOCK, "the deploying host's OS differs from the original's",
                    host.fqdn() + " runs " + host.os() + "; " + who + " ran " + join(versions),
                    "the procedure requires the same OS version on the new host as on the original; packages"
                            + " and the restored configuration may not match",
                    "install " + versions.get(0) + " on " + host.fqdn());
        }
        return Finding.ok("os-host", "the deploying host runs the original OS", host.fqdn() + " runs " + host.os()
                + "; " + who + " ran " + join(versions));
    }

    private static Finding managerOs(BackupContents backup, DeployHost host) {
        Optional<OsVersion> original = OsVersion.parse(backup.osVersion());
        Optional<OsVersion> appliance = OsVersion.fromRpmRelease(host.appliance());
        if (original.isEmpty() || appliance.isEmpty()) {
            return new Finding("os-manager", Finding.Level.WARN, "the new Manager's OS cannot be compared",
                    "backup os_version: " + (backup.osVersion() == null ? "none" : backup.osVersion())
                            + "; appliance: " + (host.appliance() == null ? "none" : host.appliance()), "",
                    "make sure the engine appliance has the OS release the original Manager had");
        }
        if (!original.get().sameReleaseAs(appliance.get())) {
            return new Finding("os-manager", Finding.Level.BLOCK, "the appliance's OS differs from the original"
                    + " Manager's", "the backup's Manager ran " + original.get() + "; the appliance "
                    + host.appliance() + " is " + appliance.get(),
                    "the procedure requires the same OS version on the new Manager; engine-backup would not restore"
                            + " Apache's configuration and engine-setup may refuse",
                    "install the appliance built on " + original.get() + " on " + host.fqdn()
                            + " (dnf install ovirt-engine-appliance-VERSION)");
        }
        return Finding.ok("os-manager", "the appliance has the original Manager's OS", "backup: "
                + original.get() + "; appliance " + host.appliance() + ": " + appliance.get());
    }

    private static Finding engineFqdn(Optional<String> named, RestoreFacts facts) {
        if (named.isEmpty()) {
            return unnamed("engine-fqdn", "the new Manager's FQDN");
        }
        String fqdn = named.get();
        if (!fqdn.equalsIgnoreCase(facts.newEngineFqdn())) {
            return new Finding("engine-fqdn", Finding.Level.BLOCK, "the new Manager's FQDN differs from the backup's",
                    "backup ENGINE_FQDN " + fqdn + "; new Manager " + facts.newEngineFqdn(),
                    "hosts, certificates and the restored configuration all name " + fqdn,
                    "deploy the new engine VM as " + fqdn);
        }
        return Finding.ok("engine-fqdn", "the new Manager keeps the FQDN " + fqdn,
                "ENGINE_FQDN in the backup's 10-setup-protocols.conf");
    }

    /** A rule that needs the backup's engine FQDN, which it does not name: rule files blocks for that. */
    private static Finding unnamed(String rule, String what) {
        return new Finding(rule, Finding.Level.WARN, what + " cannot be checked", "the backup names no engine FQDN"
                + " (no ENGINE_FQDN in ./files)", "see rule files: a restore needs the backup's configuration",
                "restore from a full backup");
    }

    private static Finding dns(String rule, String what, String name, Resolver dns) {
        if (name == null) {
            return new Finding(rule, Finding.Level.BLOCK, "no name to resolve for " + what, "", "", "");
        }
        Optional<String> problem = dns.problem(name);
        if (problem.isPresent()) {
            return new Finding(rule, Finding.Level.BLOCK, "DNS for " + what + " is incomplete", problem.get(),
                    "hosted-engine deployment and engine-setup need forward and reverse records; without them"
                            + " they stop", "add the missing record so that " + name + " → IP → " + name);
        }
        return Finding.ok(rule, name + " resolves both ways", name + " → " + String.join(", ", dns.forward(name))
                + " → " + name);
    }

    private static Finding verified(BackupContents backup) {
        if (backup.checksumFile() == null || backup.verifiedEntries().isEmpty()) {
            return new Finding("verified", Finding.Level.BLOCK, "the backup cannot be verified",
                    "it has no sha256sum or md5sum entry", "a damaged archive would fail midway through the restore",
                    "take a new backup (backup-she)");
        }
        return Finding.ok("verified", "the backup is verified", backup.verifiedEntries().size()
                + " entries match its " + backup.checksumFile());
    }

    /** The backup's configuration part: the engine PKI and the settings the restored engine starts from. */
    private static Finding files(BackupContents backup) {
        if (backup.files() == null) {
            return new Finding("files", Finding.Level.BLOCK, "the backup holds the database only (scope "
                    + String.join(", ", backup.scope()) + ")", "no ./files entry: no engine PKI, no configuration",
                    "the restored engine would have a new CA that none of the hosts trusts, and none of the original"
                            + " engine's settings", "take a full backup (backup-she, or engine-backup --scope=all)");
        }
        List<String> missing = backup.files().missing();
        if (!missing.isEmpty()) {
            return new Finding("files", Finding.Level.BLOCK, "the backup's configuration lacks what a restore needs",
                    "./files (" + backup.files().files() + " files) lacks " + String.join(", ", missing),
                    "the restored engine could not sign for, or be trusted by, the hosts, or reach its database",
                    "take a new full backup on the engine VM (backup-she)");
        }
        return Finding.ok("files", "the backup holds the engine PKI and configuration", backup.files().files()
                + " configuration files with the CA certificate and key, the database's credentials and the FQDN");
    }

    private static Finding version(BackupContents backup, DeployHost host) {
        if (host.appliance() == null) {
            return new Finding("version", Finding.Level.BLOCK,
                    "no engine appliance on " + host.asked(), "rpm -q ovirt-engine-appliance: not installed",
                    "hosted-engine --deploy has no engine VM image to deploy",
                    "dnf install ovirt-engine-appliance (of version " + majorMinor(backup.engineVersion()) + ")");
        }
        String appliance = host.appliance().replaceAll("^ovirt-engine-appliance-", "").replaceAll(
                "^(\\d+\\.\\d+).*", "$1");
        String original = majorMinor(backup.engineVersion());
        if (!appliance.equals(original)) {
            return new Finding("version", Finding.Level.BLOCK, "the appliance's engine version differs from the"
                    + " backup's", "backup: oVirt " + backup.engineVersion() + "; appliance " + host.appliance(),
                    "engine-backup refuses: a backup restores only into the same major.minor version",
                    "install ovirt-engine-appliance " + original + " on " + host.fqdn());
        }
        return Finding.ok("version", "the appliance matches the backup's engine version " + original,
                "backup oVirt " + backup.engineVersion() + "; " + host.appliance());
    }

    private static Finding space(long size, DeployHost host) {
        long needed = 2 * size;
        if (host.freeBytes() < 0) {
            return new Finding("space", Finding.Level.WARN, "free space on " + host.asked() + " unknown", "", "",
                    "make sure " + REMOTE_DIR + " has " + ByteSize.text(needed));
        }
        if (host.freeBytes() < needed) {
            return new Finding("space", Finding.Level.BLOCK, "not enough space on " + host.fqdn(),
                    REMOTE_DIR + " has " + ByteSize.text(host.freeBytes()) + " free; the copy and its restore need "
                            + ByteSize.text(needed), "the copy or the restore would stop with a full disk",
                    "free space in " + REMOTE_DIR + " on " + host.fqdn());
        }
        return Finding.ok("space", "space for the backup on " + host.fqdn(), ByteSize.text(host.freeBytes()) + " free in "
                + REMOTE_DIR + ", " + ByteSize.text(needed) + " needed");
    }

    private static Finding managerStopped(RestoreFacts facts, String engineFqdn) {
        if (facts.managerAnswer() != null) {
            return new Finding("manager", Finding.Level.BLOCK, "a Manager is running at " + engineFqdn,
                    facts.managerAnswer(), "a restore deploys a new engine VM into an empty database;"
                            + " engine-backup refuses a running Manager or a database that is not empty",
                    "if the engine runs, this is no disaster: take a backup instead; otherwise shut the old"
                            + " engine VM down (hosted-engine --vm-shutdown) first");
        }
        RestoreFacts.HaAgents ha = facts.haAgents();
        if (ha != null && ha.runningOn() != null) {
            // No API answers, yet the old engine VM runs: a hung engine, or one cut off from here. Nothing in a
            // deployment checks for it; it would build a second engine VM with the same FQDN and address.
            return new Finding("manager", Finding.Level.BLOCK, "the old engine VM still runs, though its API does"
                    + " not answer", "hosted-engine --vm-status on " + ha.askedOn() + ": the engine VM is up on "
                    + ha.runningOn() + " (" + ha.engineStatus() + ")", "a restore would deploy a second engine VM with the"
                    + " same FQDN and address beside it, and the two Managers would fight over the hosts and the"
                    + " storage", "if the engine only hangs, restart it instead of restoring (engine-vm shutdown,"
                    + " then engine-vm start); to restore, shut it down for good first: engine-vm shutdown (global"
                    + " maintenance, then hosted-engine --vm-shutdown)");
        }
        return Finding.ok("manager", "no Manager answers at " + engineFqdn, "the new engine VM starts from the"
                + " appliance with an empty database" + (ha != null ? "; hosted-engine --vm-status on "
                + ha.askedOn() + ": the engine VM runs on no host" : ""));
    }

    /**
     * The HA agents cannot read hosted_storage: the old engine VM's disk is gone with it. The deployment creates the
     * new engine VM's storage domain where it is told (the restore renames the old one hosted_storage_old_*), so it
     * needs new storage, which is better known now than at the deployment's storage question.
     */
    private static Finding storageGone(RestoreFacts.HaAgents ha, String newStorage) {
        String evidence = "hosted-engine --vm-status on " + ha.askedOn() + ": " + ha.storageProblem();
        if (newStorage != null) {
            return new Finding("storage", Finding.Level.OK, "the hosted-engine storage domain is unreachable; the"
                    + " new engine VM goes on new storage " + newStorage, evidence + "; --storage " + newStorage,
                    "", "the restored Manager keeps the old domain as hosted_storage_old_*, inactive: remove it"
                    + " afterwards");
        }
        return new Finding("storage", Finding.Level.BLOCK, "the hosted-engine storage domain is unreachable",
                evidence, "the old engine VM's disk and the HA agents' metadata were there; the deployment cannot"
                + " reuse it and stops at its storage question",
                "have new, empty storage ready for the new engine VM (an NFS export other than the lost one) and give"
                + " it: restore plan BACKUP --deploy-on HOST --storage SERVER:/EXPORT; the restored Manager keeps"
                + " the old domain as hosted_storage_old_*, inactive: remove it afterwards");
    }

    /**
     * A host of the backup that answers nothing: lost for good, or only cut off. The restored Manager has it, Non
     * Responsive; it cannot be redeployed, so the restore removes its record instead.
     */
    private static Finding lostHost(RestoreFacts.Unreachable u, Environment env) {
        Optional<Host> h = env.findHost(u.name());
        List<String> vms = h.map(x -> env.vmsOn(x.id()).stream().filter(v -> !v.engine())
                .map(org.heshell.model.Vm::name).toList()).orElse(List.of());
        return new Finding("lost-host", Finding.Level.WARN, u.name() + " (" + u.fqdn() + ") does not answer over"
                + " SSH: lost for good?", u.why(), "a lost host cannot be redeployed; the restored Manager still has"
                + " it, Non Responsive" + (vms.isEmpty() ? "" : ", and the VMs it ran at backup time (" + String.join(
                ", ", vms) + ") do not run until started elsewhere"),
                "heshell removes it from the restored Manager (step remove-lost:" + u.name() + ", as `host remove"
                        + " --force '" + u.name() + "'`)" + (vms.isEmpty() ? "" : "; then start its VMs on the other"
                        + " hosts (vm start " + vms.get(0) + ")") + "; if it only needs fixing, fix it and plan"
                        + " again");
    }

    private static String join(List<OsVersion> versions) {
        return String.join(", ", versions.stream().map(OsVersion::toString).toList());
    }

    static String majorMinor(String version) {
        return version == null ? "unknown" : version.replaceAll("^(\\d+\\.\\d+).*", "$1");
    }

}

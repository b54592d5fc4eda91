package org.heshell.command;

import java.nio.file.Files;
import java.nio.file.Path;
import org.heshell.backup.BackupArchive;
import org.heshell.backup.BackupContents;
import org.heshell.backup.Catalog;
import org.heshell.backup.CatalogEntry;
import org.heshell.engine.EngineException;
import org.heshell.model.Environment;
import org.heshell.model.Host;
import org.heshell.remote.RemoteException;
import org.heshell.remote.SshSession;
import org.heshell.restore.DeployHost;
import org.heshell.restore.HaVmStatus;
import org.heshell.restore.OsVersion;
import org.heshell.restore.RestoreFacts;
import org.heshell.restore.RestorePlan;
import org.heshell.restore.RestorePlanner;

/** Gathers what a restore plan is checked against: the backup, the deploying host over SSH, the Manager, DNS. */
final class RestoreProbe {
    private RestoreProbe() {
    }

    static RestorePlan plan(CommandContext ctx, Catalog catalog, RestoreCommand.Target target) {
        return plan(ctx, catalog, target.backup, target.deployOn, target.engineFqdn, target.storage(),
                target.decrypt.identity(ctx));
    }

    static RestorePlan plan(CommandContext ctx, Catalog catalog, String backup, String deployOn, String engineFqdn,
                            String storage, org.heshell.backup.Identity identity) {
        Path file = BackupCommand.resolve(catalog, backup);
        if (!Files.isRegularFile(file)) {
            throw new CommandException("no backup '" + backup + "': neither a catalog id nor a file (`backup list`)",
                    2, null);
        }
        ctx.progress().step("reading and verifying " + file.getFileName());
        BackupContents contents = BackupArchive.inspect(file, identity).contents();
        Environment env = contents.environment();
        java.util.Optional<Host> named = env.findHost(deployOn);
        String fqdn = named.map(Host::address).orElse(deployOn);
        ctx.progress().step("asking " + fqdn + " over SSH: hostname, OS, appliance, free space");
        DeployHost host = host(ctx, deployOn, fqdn);
        if (host.unreachable() != null && named.isEmpty()) {
            // A typo of a backup host's name would otherwise give a whole plan for a machine that does not exist.
            java.util.List<String> names = env.hosts().stream().flatMap(h -> java.util.stream.Stream.of(h.name(),
                    h.address())).toList();
            Suggestions.near(deployOn, names).ifPresent(meant -> {
                throw new CommandException("--deploy-on " + deployOn + ": no such host in the backup, and it does"
                        + " not answer over SSH; did you mean --deploy-on '" + meant + "'? (a new host is named by"
                        + " its FQDN)", 2, null);
            });
        }
        ctx.progress().step("checking that no Manager answers at " + contents.engineFqdn());
        String answer = managerAnswer(ctx);
        RestoreFacts.HaAgents ha = null;
        if (answer == null) {
            ctx.progress().step("asking the hosted-engine HA agents where the engine VM runs");
            ha = haAgents(ctx, host.fqdn(), env);
        }
        java.util.List<RestoreFacts.Unreachable> others = others(ctx, env, host);
        RestoreFacts facts = new RestoreFacts(host, answer, ha,
                engineFqdn != null ? engineFqdn : contents.engineFqdn(), ctx.connector().resolver(), others,
                storage);
        try {
            return RestorePlanner.plan(backupId(catalog, backup), file,
                    Files.size(file), contents, facts);
        } catch (java.io.IOException e) {
            throw new CommandException("cannot read " + file + ": " + e.getMessage(), 1, e);
        }
    }

    /**
     * The backup's other hosts that answer nothing over SSH (lost for good, or cut off): the restore cannot redeploy
     * them. Each is asked once; one that answers, even refusing the command, is there.
     */
    private static java.util.List<RestoreFacts.Unreachable> others(CommandContext ctx, Environment backup,
                                                                    DeployHost deploying) {
        java.util.List<RestoreFacts.Unreachable> out = new java.util.ArrayList<>();
        for (Host h : backup.hosts()) {
            if (h.isKnownAs(deploying.asked()) || h.isKnownAs(deploying.fqdn())) {
                continue;
            }
            ctx.progress().step("asking " + h.address() + " (" + h.name() + ") over SSH whether it is there");
            try (SshSession ssh = ctx.connector().ssh(h.address())) {
                ssh.run("true");
            } catch (RemoteException | CommandException e) {
                out.add(new RestoreFacts.Unreachable(h.name(), h.address(), e.getMessage()));
            }
        }
        return out;
    }

    /** How a plan names its backup: the catalog id, or the archive's path when it is not in the catalog. */
    static String backupId(Catalog catalog, String backup) {
        return catalog.find(backup).map(CatalogEntry::id).orElse(BackupCommand.resolve(catalog, backup).toString());
    }

    private static DeployHost host(CommandContext ctx, String asked, String fqdn) {
        try (SshSession ssh = ctx.connector().ssh(fqdn)) {
            SshSession.Output name = ssh.run("hostname -f");
            SshSession.Output release = ssh.run("cat /etc/os-release");
            SshSession.Output rpm = ssh.run("rpm -q ovirt-engine-appliance");
            SshSession.Output df = ssh.run("df -P " + RestorePlanner.REMOTE_DIR);
            long free = -1;
            String[] lines = df.out().strip().split("\n");
            if (df.code() == 0 && lines.length >= 2) {
                String[] cols = lines[lines.length - 1].trim().split("\\s+");
                free = cols.length >= 4 && cols[3].matches("\\d+") ? Long.parseLong(cols[3]) * 1024 : -1;
            }
            return new DeployHost(asked, name.code() == 0 && !name.out().isBlank() ? name.out().strip() : fqdn,
                    OsVersion.fromOsRelease(release.out()).orElse(null),
                    rpm.code() == 0 ? rpm.out().strip().replaceAll("\\.noarch$", "") : null, free, null);
        } catch (RemoteException | CommandException e) {
            return DeployHost.unreachable(fqdn, e.getMessage());
        }
    }

    /**
     * Where the HA agents see the old engine VM: `hosted-engine --vm-status --json` on the deploying host, else on
     * the backup's other hosted-engine hosts, the first that answers. Null when none can say (a new host, hosts
     * unreachable): the plan then says nothing of it.
     */
    private static RestoreFacts.HaAgents haAgents(CommandContext ctx, String deployFqdn, Environment backup) {
        java.util.List<String> ask = new java.util.ArrayList<>(java.util.List.of(deployFqdn));
        backup.hosts().stream().filter(h -> h.hostedEngine().configured()).map(Host::address)
                .filter(a -> !a.equalsIgnoreCase(deployFqdn)).forEach(ask::add);
        RestoreFacts.HaAgents storageGone = null;
        for (String fqdn : ask) {
            try (SshSession ssh = ctx.connector().ssh(fqdn)) {
                SshSession.Output o = ssh.run("hosted-engine --vm-status --json");
                String said = (o.out() + o.err()).strip();
                if (o.code() != 0 && said.contains("Cannot connect to the HA daemon") && storageGone == null) {
                    // the broker cannot read the agents' metadata: the hosted-engine storage is unreachable
                    storageGone = new RestoreFacts.HaAgents(fqdn, null, null, said.replaceAll("[{}']", "")
                            .replace("exception: ", "").replace("\\n", " ").replace('\n', ' '));
                    continue;
                }
                var status = o.code() == 0 ? HaVmStatus.parse(o.out()) : java.util.Optional.<HaVmStatus>empty();
                if (status.isPresent()) {
                    var up = status.get().runningOn();
                    return new RestoreFacts.HaAgents(fqdn, up.map(HaVmStatus.Agent::hostname).orElse(null),
                            up.map(HaVmStatus.Agent::describe).orElse(null));
                }
            } catch (RemoteException | CommandException e) {
                // this one cannot tell; ask the next
            }
        }
        return storageGone;
    }

    /** What answers at the Manager's API, or null when nothing does (the engine is down, as a restore needs). */
    private static String managerAnswer(CommandContext ctx) {
        try {
            Environment live = ctx.refresh();
            return "the API at " + ctx.engine().target().url() + " answers: oVirt " + live.engineVersion() + ", "
                    + live.hosts().size() + " hosts";
        } catch (EngineException e) {
            return e.unreachable() ? null : "the API answers but: " + e.getMessage();
        } catch (CommandException e) {
            return null; // no Manager configured for this shell
        }
    }
}

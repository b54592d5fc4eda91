package org.heshell.lab;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.heshell.backup.BackupArchive;
import org.heshell.backup.BackupContents;
import org.heshell.backup.BackupFormatException;
import org.heshell.model.Host;
import org.heshell.model.HostStatus;
import org.heshell.model.Vm;
import org.heshell.restore.TableResolver;

/**
 * `hosted-engine --deploy --restore-from-file=FILE` on a lab host, step by step as the ovirt.ovirt
 * hosted_engine_setup role does it: checks, a bootstrap engine with the backup's database, removal of the old
 * engine VM and of the old host record whose name is this host's FQDN (only that: ovirt-ansible-collection#693),
 * adding this host, and when that fails, the role's pause until its lock file is removed. Other hosted-engine
 * hosts come back Non Operational; VMs run where they physically run.
 */
final class LabDeployment {
    private static final String PREFIX = "[ INFO  ] ";
    private static final String ROLE = "TASK [ovirt.ovirt.hosted_engine_setup : ";
    /** The bootstrap VM's address on the host's libvirt NAT network, where the role reaches it. */
    private static final String BOOTSTRAP_IP = "192.168.222.55";

    private final LabWorld world;
    private final String fqdn;
    private final Function<String, Path> files;

    LabDeployment(LabWorld world, String fqdn, Function<String, Path> files) {
        this.world = world;
        this.fqdn = fqdn;
        this.files = files;
    }

    int run(Map<String, String> options, PrintStream out, PrintStream err) throws IOException {
        try {
            return deploy(options, out, err);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130; // the lab closes; a deployment under way dies with it
        }
    }

    private int deploy(Map<String, String> options, PrintStream out, PrintStream err) throws IOException,
            InterruptedException {
        String file = options.get("restore-from-file");
        if (file == null || file.isEmpty()) {
            err.println("[ ERROR ] this lab deploys only a restore: --restore-from-file=FILE is required");
            return 1;
        }
        Map<String, Object> vars = extraVars(options.get("ansible-extra-vars"));
        String hostName = String.valueOf(vars.getOrDefault("he_host_name", fqdn));
        boolean pauseHost = "true".equalsIgnoreCase(String.valueOf(vars.get("he_pause_host")));
        LabState now = world.snapshot();
        out.println(PREFIX + "Stage: Initializing");
        out.println(PREFIX + "Stage: Environment setup");
        out.println("          Restoring an existing backup of the engine from " + file);
        BackupContents backup;
        try {
            backup = BackupArchive.inspect(files.apply(file));
        } catch (BackupFormatException e) {
            err.println("[ ERROR ] cannot restore " + file + ": " + e.getMessage());
            return 1;
        } catch (java.io.UncheckedIOException | IllegalArgumentException e) {
            err.println("[ ERROR ] cannot read " + file + ": " + e.getMessage());
            return 1;
        }
        if (!now.site().engine().equals(LabSite.GONE) && !now.site().engine().equals(LabSite.DOWN)) {
            // A real deployment does not look: it would build a second engine VM with the old one's FQDN and
            // address beside it, and two Managers would fight over the hosts. The lab refuses instead.
            err.println("[ ERROR ] " + (now.site().engineVmRuns() ? "the engine VM of " + now.engineFqdn()
                    + " is running: a restore deploys a new engine VM only when the old one is gone or shut down"
                    : "another hosted-engine deployment is in progress"));
            return 1;
        }
        Optional<String> storage = storage(vars);
        if (storage.isEmpty() && now.site().storageLost()) {
            // the otopi storage question comes before anything is built; asked over SSH it has no answer
            err.println("[ ERROR ] The hosted-engine storage domain hosted_storage (" + LabDataCenter.STORAGE_SERVER
                    + ":" + LabDataCenter.HOSTED_STORAGE_PATH + ") cannot be reached: the new engine VM needs new,"
                    + " empty storage (he_domain_type=nfs, he_storage_domain_addr, he_storage_domain_path)");
            return 1;
        }
        if (storage.isPresent()) {
            out.println("          Deploying the engine VM on new storage: nfs " + storage.get());
        }
        step(out, "Check the engine FQDN and this host's FQDN resolve both ways", 1);
        TableResolver dns = now.site().resolver();
        for (String name : List.of(now.engineFqdn(), fqdn)) {
            Optional<String> problem = dns.problem(name);
            if (problem.isPresent()) {
                err.println("[ ERROR ] " + problem.get());
                return 1;
            }
        }
        if (backup.engineFqdn() != null && !backup.engineFqdn().equalsIgnoreCase(now.engineFqdn())) {
            err.println("[ ERROR ] the backup is of engine " + backup.engineFqdn() + ", this deployment's engine is "
                    + now.engineFqdn() + ": the restored engine must keep its FQDN");
            return 1;
        }
        step(out, "Install ovirt-engine-appliance rpm", 2);
        step(out, "Start the local bootstrap VM", 3);
        step(out, "Copy the backup file to the engine VM for restore", 1);
        step(out, "Run engine-backup", 3);
        String applianceVersion = now.site().appliance().replaceAll("^(\\d+\\.\\d+).*", "$1");
        if (!majorMinor(backup.engineVersion()).equals(applianceVersion)) {
            // Only engine-backup inside the bootstrap VM compares the versions: a real deployment finds out here,
            // after the appliance is installed and the local VM is built.
            return restoreFailed("FATAL: Backup was created by version '" + majorMinor(backup.engineVersion())
                    + "' and can not be restored using the installed version " + applianceVersion,
                    !"false".equalsIgnoreCase(String.valueOf(vars.get("he_pause_after_failed_restore"))), out, err);
        }
        Map<String, String> machineOf = new java.util.HashMap<>();
        world.hosts().forEach(h -> machineOf.put(h.id(), h.address()));
        List<LabVm> physical = world.vms();
        List<LabHost> restoredHosts = hosts(backup, now);
        List<String> runningHere = new ArrayList<>();
        try {
            world.bootstrap(restoredHosts, vms(backup, restoredHosts, physical, machineOf, runningHere));
        } catch (LabFault f) {
            err.println("[ ERROR ] " + f.getMessage());
            return 1;
        }
        try {
            step(out, "Remove previous hosted-engine VM", 1);
            step(out, "Remove host used to redeploy", 1);
            for (LabHost h : world.hosts()) {
                if (h.name().equalsIgnoreCase(fqdn)) {
                    world.remove(h.id());
                }
            }
            step(out, "Run engine-setup with answerfile", 4);
            LabHost added = addOrPause(hostName, pauseHost, out, err);
            if (added == null) {
                world.abandonBootstrap();
                return 1;
            }
            // This host's vdsm reports the VMs that run on it; the engine takes them as running here.
            world.vmsReported(added.id(), runningHere);
            step(out, "Wait for the host to be up", 2);
            if (storage.isPresent()) {
                step(out, "Rename previous HE storage domain to avoid name conflicts", 1);
            }
            step(out, "Add HE storage domain", 2);
            Optional<String> refused = storage.flatMap(this::cannotUse);
            if (refused.isPresent()) {
                err.println("[ ERROR ] fatal: [localhost]: FAILED! => {\"changed\": false, \"msg\": \""
                        + refused.get() + "\"}");
                err.println("[ ERROR ] Failed to execute stage 'Closing up': Failed executing ansible-playbook");
                world.abandonBootstrap();
                return 1;
            }
            step(out, "Inject HE VM to the shared storage and start it", 3);
            world.engineDeployed(added.id(), UUID.randomUUID().toString(), storage.orElse(null));
            out.println(PREFIX + "Hosted Engine successfully deployed");
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            world.abandonBootstrap();
            return 130;
        } catch (RuntimeException e) {
            world.abandonBootstrap();
            err.println("[ ERROR ] " + e.getMessage());
            return 1;
        }
    }

    /**
     * The new storage the role is given for the engine VM, as SERVER:/PATH: he_storage_domain_addr and
     * he_storage_domain_path (NFS, the only type the lab's storage server serves); empty when none is given.
     */
    private static Optional<String> storage(Map<String, Object> vars) {
        Object addr = vars.get("he_storage_domain_addr");
        Object path = vars.get("he_storage_domain_path");
        if (addr == null || path == null || String.valueOf(addr).isBlank() || String.valueOf(path).isBlank()) {
            return Optional.empty();
        }
        Object type = vars.getOrDefault("he_domain_type", "nfs");
        if (!"nfs".equals(String.valueOf(type))) {
            throw new IllegalArgumentException("this lab's storage server exports NFS only, not " + type);
        }
        return Optional.of(addr + ":" + path);
    }

    /**
     * Why the storage domain cannot be created at {@code connection}, as the engine's AddStorageDomain or the mount
     * says; empty when it can: an empty export of the lab's storage server other than the lost one and data's.
     */
    private Optional<String> cannotUse(String connection) {
        int colon = connection.indexOf(':');
        String server = connection.substring(0, colon);
        String path = connection.substring(colon + 1);
        if (!server.equals(LabDataCenter.STORAGE_SERVER) || path.equals(LabDataCenter.HOSTED_STORAGE_PATH)
                && world.site().storageLost()) {
            return Optional.of("Error while mounting specified storage path: mount.nfs: Connection timed out ("
                    + connection + ")");
        }
        if (path.equals(LabDataCenter.HOSTED_STORAGE_PATH) || path.equals(LabDataCenter.DATA_PATH)) {
            return Optional.of("Fault reason is \\\"Operation Failed\\\". Fault detail is \\\"[Storage domain"
                    + " cannot be created: the storage path " + connection + " is not empty (it holds another"
                    + " storage domain)]\\\".");
        }
        return Optional.empty();
    }

    /**
     * engine-backup --mode=restore failed in the bootstrap VM: the role pauses (he_pause_after_failed_restore, true
     * unless asked otherwise) so that someone can fix it there by hand; the lab's bootstrap VM cannot be fixed, so
     * the database stays empty and the next task fails, ending the deployment.
     */
    private int restoreFailed(String fatal, boolean pause, PrintStream out, PrintStream err)
            throws InterruptedException, IOException {
        err.println("[ ERROR ] fatal: [localhost -> " + BOOTSTRAP_IP + "]: FAILED! => {\"changed\": true, \"rc\": 1,"
                + " \"stderr\": \"" + fatal + "\"}");
        out.println(PREFIX + "...ignoring");
        if (pause) {
            pause(out, "engine-backup --mode=restore failed: " + fatal + " You can now connect from this host to the"
                    + " bootstrap engine VM using ssh as root and the temporary IP address - " + BOOTSTRAP_IP
                    + " - and fix this issue. Please continue only after the backup is restored.");
        }
        step(out, "Remove previous hosted-engine VM", 1);
        err.println("[ ERROR ] fatal: [localhost -> " + BOOTSTRAP_IP + "]: FAILED! => {\"changed\": true, \"rc\": 2,"
                + " \"stderr\": \"psql: error: FATAL:  database \\\"engine\\\" does not exist\"}");
        err.println("[ ERROR ] Failed to execute stage 'Closing up': Failed executing ansible-playbook");
        return 1;
    }

    /**
     * Adds this host, after the role's pause when {@code he_pause_host} asks for one; when the Manager refuses (an
     * old host with its name, FQDN or IP is still there), pauses like the role (he_pause_after_failed_add_host)
     * until the lock file is removed, then tries once more. Null when it still fails.
     */
    private LabHost addOrPause(String hostName, boolean pauseFirst, PrintStream out, PrintStream err)
            throws InterruptedException, IOException {
        if (pauseFirst) {
            pause(out, "You can now connect to https://" + fqdn + ":6900/ovirt-engine/ and change the Manager before"
                    + " this host is added (he_pause_host)");
        }
        step(out, "Add host", 1);
        try {
            return world.addHost(hostName, fqdn, true, true);
        } catch (LabFault refused) {
            err.println("[ ERROR ] fatal: [localhost]: FAILED! => {\"changed\": false, \"msg\": \""
                    + refused.getMessage() + " " + conflicts(hostName) + "\"}");
            pause(out, "You can now connect to https://" + fqdn + ":6900/ovirt-engine/ and check the status of this"
                    + " host and eventually remediate it, please continue only when the host is listed as 'up'");
            try {
                return world.addHost(hostName, fqdn, true, true);
            } catch (LabFault again) {
                err.println("[ ERROR ] fatal: [localhost]: FAILED! => {\"changed\": false, \"msg\": \"The host has"
                        + " been set in non_operational status, deployment errors: " + again.getMessage() + " "
                        + conflicts(hostName) + "\"}");
                err.println("[ ERROR ] Failed to execute stage 'Closing up': Failed executing ansible-playbook");
                return null;
            }
        }
    }

    /** The role's pause: a lock file, and nothing goes on until someone removes it. */
    private void pause(PrintStream out, String why) throws InterruptedException, IOException {
        out.println(PREFIX + why);
        String lock = "/tmp/ansible." + token() + "_he_setup_lock";
        step(out, "Create temporary lock file", 0);
        Path lockFile = files.apply(lock);
        Files.createDirectories(lockFile.getParent());
        Files.writeString(lockFile, "");
        out.println(PREFIX + ROLE + "Pause execution until " + lock + " is removed, delete it once ready to"
                + " proceed]");
        while (Files.exists(lockFile)) {
            Thread.sleep(100);
        }
    }

    /** Which hosts of the Manager share this host's name, FQDN or IPs: what the user must remove. */
    private String conflicts(String hostName) {
        List<String> ips = world.site().machine(fqdn).map(LabMachine::ips).orElse(List.of());
        List<String> found = new ArrayList<>();
        for (LabHost h : world.hosts()) {
            List<String> same = new ArrayList<>();
            if (h.name().equalsIgnoreCase(hostName)) {
                same.add("name " + h.name());
            }
            if (h.address().equalsIgnoreCase(fqdn)) {
                same.add("FQDN " + h.address());
            }
            h.ips().stream().filter(ips::contains).forEach(ip -> same.add("IP " + ip));
            if (!same.isEmpty()) {
                found.add("host '" + h.name() + "' (" + String.join(", ", same) + ")");
            }
        }
        return found.isEmpty() ? "" : "Still in the Manager: " + String.join("; ", found) + ".";
    }

    /** The backup's hosts as the bootstrap engine sees them: hosted-engine hosts Non Operational, others Up. */
    private List<LabHost> hosts(BackupContents backup, LabState now) {
        long memory = now.hosts().stream().mapToLong(LabHost::memoryMb).max().orElse(LabScenario.HOST_MEMORY_MB);
        List<LabHost> out = new ArrayList<>();
        for (Host h : backup.environment().hosts()) {
            String status;
            if (h.address().equalsIgnoreCase(fqdn)) {
                status = h.status() == HostStatus.MAINTENANCE ? "maintenance" : "non_responsive";
            } else if (now.site().isLost(h.address())) {
                status = "non_responsive"; // its vdsm never answers the restored engine
            } else {
                status = h.hostedEngine().configured() ? "non_operational" : "up";
            }
            long mb = now.hosts().stream().filter(x -> x.id().equals(h.id())).mapToLong(LabHost::memoryMb)
                    .findFirst().orElse(memory);
            out.add(new LabHost(h.id(), h.name(), h.address(), h.ips(), h.uniqueId(), status, mb,
                    h.hostedEngine().configured(), 0, false, null));
        }
        return out;
    }

    /**
     * The backup's VMs, without the old engine VM; each runs where it physically runs now: on the restored host
     * that is the same machine (matched by address, not by the Manager's id, which a re-added host no longer has).
     * VMs on this very host are Down until it is added and reports them; their ids go to {@code runningHere}.
     */
    private List<LabVm> vms(BackupContents backup, List<LabHost> hosts, List<LabVm> physical,
                            Map<String, String> machineOf, List<String> runningHere) {
        List<LabVm> out = new ArrayList<>();
        for (Vm v : backup.environment().vms()) {
            if (v.engine()) {
                continue;
            }
            // a VM on a machine lost for good is Down: the lab takes the lost host as confirmed rebooted (fenced by
            // hand), as an admin must before its record can go
            String machine = physical.stream().filter(p -> p.id().equals(v.id()) && !"down".equals(p.status()))
                    .map(p -> machineOf.get(p.hostId())).filter(java.util.Objects::nonNull)
                    .filter(m -> !world.site().isLost(m)).findFirst().orElse(null);
            String where = null;
            if (machine != null && machine.equalsIgnoreCase(fqdn)) {
                runningHere.add(v.id());
            } else if (machine != null) {
                where = hosts.stream().filter(h -> h.address().equalsIgnoreCase(machine)).map(LabHost::id)
                        .findFirst().orElse(null);
            }
            out.add(new LabVm(v.id(), v.name(), where != null ? "up" : "down", where, null,
                    Math.max(1, v.memoryBytes() >> 20), false, null));
        }
        return out;
    }

    private void step(PrintStream out, String task, double labSeconds) throws InterruptedException {
        out.println(PREFIX + ROLE + task + "]");
        Thread.sleep(Math.max(0, Math.round(labSeconds * 1000 / world.speed())));
    }

    private static String majorMinor(String version) {
        return version == null ? "unknown" : version.replaceAll("^(\\d+\\.\\d+).*", "$1");
    }

    /** --ansible-extra-vars as ansible-playbook's -e takes it: a JSON object, or one key=value. */
    private static Map<String, Object> extraVars(String vars) {
        if (vars == null || vars.isBlank()) {
            return Map.of();
        }
        if (vars.strip().startsWith("{")) {
            try {
                return new com.fasterxml.jackson.databind.ObjectMapper().readValue(vars,
                        new com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>>() { });
            } catch (IOException e) {
                throw new IllegalArgumentException("--ansible-extra-vars is not valid JSON: " + e.getMessage());
            }
        }
        int eq = vars.indexOf('=');
        return eq > 0 ? Map.of(vars.substring(0, eq).strip(), vars.substring(eq + 1).strip()) : Map.of();
    }

    private static String token() {
        String chars = "abcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom r = new SecureRandom();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            b.append(chars.charAt(r.nextInt(chars.length())));
        }
        return b.toString();
    }
}

package org.heshell.lab;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Backups of the standard lab exactly as its engine VM writes them (the same code path), for tests outside the lab:
 * "loaded" as the lab starts (every hosted-engine host carrying VMs), or "failover" as backup-she leaves it (Host 1
 * in Maintenance, its two VMs on Host 3).
 */
public final class LabBackups {
    private LabBackups() {
    }

    public static Path loaded(Path dir) throws IOException {
        return write(dir, LabScenario.standard(), "loaded.tar.gz");
    }

    public static Path failover(Path dir) throws IOException {
        return write(dir, failoverState(), "failover.tar.gz");
    }

    /** The failover backup with scope db (no ./files), or, for a file path, with ./files lacking that file. */
    public static Path failoverWithout(Path dir, String what) throws IOException {
        LabState state = failoverState();
        String name = "failover-without-" + what.replaceAll("[^a-z0-9]+", "-") + ".tar.gz";
        if (what.equals("files")) {
            return write(dir, state, name, "db");
        }
        LabDir lab = labDir(dir, name, state);
        Path file = dir.resolve(name);
        List<org.heshell.backup.BackupWriter.ConfigFile> files = new ArrayList<>(LabBackup.files(lab, state));
        if (!files.removeIf(f -> f.path().equals(what))) {
            throw new IllegalArgumentException("the lab's backup has no " + what);
        }
        org.heshell.backup.BackupWriter.write(file, new org.heshell.backup.BackupWriter.Spec(state.engineVersion(),
                "rhel-" + LabScenario.OS, files, LabBackup.tables(state), "12.20"));
        return file;
    }

    private static LabState failoverState() {
        LabState s = LabScenario.standard();
        String host1 = s.hosts().get(0).id();
        String host3 = s.hosts().get(2).id();
        List<LabHost> hosts = new ArrayList<>();
        for (LabHost h : s.hosts()) {
            hosts.add(h.id().equals(host1) ? h.withStatus("maintenance").withHostedEngine(0, false) : h);
        }
        List<LabVm> vms = new ArrayList<>();
        for (LabVm v : s.vms()) {
            vms.add(host1.equals(v.hostId()) ? new LabVm(v.id(), v.name(), "up", host3, null, v.memoryMb(), v.engine(),
                    v.fqdn()) : v);
        }
        return s.with(s.speed(), hosts, vms, s.faults(), s.site(), s.globalMaintenance());
    }

    private static Path write(Path dir, LabState state, String name) throws IOException {
        return write(dir, state, name, "all");
    }

    private static Path write(Path dir, LabState state, String name, String scope) throws IOException {
        Path file = dir.resolve(name);
        LabBackup.write(labDir(dir, name, state), state, scope, file);
        return file;
    }

    private static LabDir labDir(Path dir, String name, LabState state) throws IOException {
        LabDir lab = new LabDir(dir.resolve("lab-" + name.replace(".tar.gz", "")));
        lab.create();
        LabCertificates.create(lab, state.engineFqdn());
        return lab;
    }
}

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
        return write(dir, s.with(s.speed(), hosts, vms, s.faults(), s.site(), s.globalMaintenance()), "failover.tar.gz");
    }

    private static Path write(Path dir, LabState state, String name) throws IOException {
        LabDir lab = new LabDir(dir.resolve("lab-" + name.replace(".tar.gz", "")));
        lab.create();
        LabCertificates.create(lab, state.engineFqdn());
        Path file = dir.resolve(name);
        LabBackup.write(lab, state, "all", file);
        return file;
    }
}

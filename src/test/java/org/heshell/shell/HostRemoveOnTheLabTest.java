package org.heshell.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.heshell.model.Environment;
import org.heshell.model.HostStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `host remove` on the lab, through the SDK to the lab's engine: a host in Maintenance is removed; one that is Up,
 * or Non Operational without --force, or still running VMs, is one clear line and nothing changes.
 */
class HostRemoveOnTheLabTest {
    @TempDir
    Path dir;

    @Test
    void aHostIsRemovedFromMaintenanceOnlyAndAnUpOneIsRefusedWithTheWayOn() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            String[] up = shell.run(false, "host remove 'Host 1'");
            assertEquals("heshell: Host 1 is Up: the Manager removes only a host in Maintenance; `host maintenance"
                    + " 'Host 1'` first, then `host remove 'Host 1'` (nothing changed)\n", up[1]);
            String[] forced = shell.run(false, "host remove --force 'Host 1'");
            assertTrue(forced[1].contains("Host 1 is Up: the Manager removes only a host in Maintenance (--force is"
                    + " for a Non Operational one)"), forced[1]);
            assertEquals(3, shell.ctx.refresh().hosts().size(), "nothing changed");

            String[] removed = shell.run(false, "host maintenance 'Host 1'\nhost remove 'Host 1'\nevents --max 1");
            assertTrue(removed[0].contains("Host 1: removed from the Manager; it was (Maintenance)"), removed[0]);
            assertTrue(removed[0].matches("(?s).*normal +44 +Host 1 +Host Host 1 was removed by admin@internal-authz\\..*"),
                    removed[0]);
            assertTrue(shell.ctx.refresh().findHost("Host 1").isEmpty());
            assertTrue(shell.lab.lab().world().events().get(0).description().contains("was removed"));
        }
    }

    @Test
    void aNonOperationalHostIsRemovedAsItIsOnlyWithForce() throws Exception {
        try (ShellFixture shell = new ShellFixture(dir)) {
            // the cluster requires `storage`, which host3 lacks: activated, it comes back Non Operational
            var site = shell.ctx.connector().labSite(null);
            List<org.heshell.command.LabSiteSettings.Machine> machines = site.machines().stream()
                    .map(m -> new org.heshell.command.LabSiteSettings.Machine(m.fqdn(), m.ips(), m.os(),
                            m.fqdn().equals("host3.lab.example") ? List.of() : List.of("storage"))).toList();
            shell.ctx.connector().labSite(new org.heshell.command.LabSiteSettings(site.engine(), site.appliance(),
                    machines, site.dns(), List.of(new org.heshell.command.LabSiteSettings.Network("storage", true)),
                    site.lost(), site.hostedStorage()));
            String[] nonOp = shell.run(false, "host maintenance 'Host 3'\nhost activate 'Host 3'");
            assertTrue(nonOp[1].contains("Host 3 did not come Up: it is Non Operational"), nonOp[1]);

            String[] refused = shell.run(false, "host remove 'Host 3'");
            assertEquals("heshell: Host 3 is Non Operational, not in Maintenance: `host maintenance 'Host 3'` first,"
                    + " or `host remove --force 'Host 3'` to remove it as it is (nothing changed)\n", refused[1]);
            assertEquals(HostStatus.NON_OPERATIONAL, shell.ctx.refresh().findHost("Host 3").orElseThrow().status());

            String[] forced = shell.run(false, "host remove --force 'Host 3'");
            assertEquals("", forced[1]);
            assertTrue(forced[0].contains("Host 3: removed from the Manager (forced); it was (Non Operational)"),
                    forced[0]);
            Environment after = shell.ctx.refresh();
            assertTrue(after.findHost("Host 3").isEmpty(), after.hosts().toString());
        }
    }
}

package org.heshell.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.heshell.command.Result;
import org.heshell.engine.Migration;
import org.heshell.model.Environment;
import org.heshell.model.Host;
import org.heshell.model.HostStatus;
import org.heshell.model.HostedEngineInfo;
import org.heshell.model.Vm;
import org.heshell.model.VmStatus;
import org.junit.jupiter.api.Test;

class TextRendererTest {
    static Host host(int n, HostStatus s) {
        return new Host("h" + n, "Host " + n, "host" + n + ".lab.example", List.of("192.0.2.1" + n), "u" + n, s,
                "Default", 32L << 30, new HostedEngineInfo(true, s == HostStatus.UP, s == HostStatus.UP ? 3400 : 0,
                s != HostStatus.UP, false), "RHEL - 8.10 - 1.el8");
    }

    static Environment env() {
        List<Vm> vms = new ArrayList<>(List.of(new Vm("e", "HostedEngine", VmStatus.UP, "h2", 16L << 30, true)));
        String[] on = {"h3", "h3", "h2", "h2", "h3", "h3"};
        for (int i = 1; i <= 6; i++) {
            vms.add(new Vm("v" + i, "vm" + i, VmStatus.UP, on[i - 1], 4L << 30, false));
        }
        return new Environment("engine.lab.example", "4.5.6",
                List.of(host(1, HostStatus.MAINTENANCE), host(2, HostStatus.UP), host(3, HostStatus.UP)), vms,
                List.of());
    }

    @Test
    void namesFromOutsideArePrintedInert() {
        // A hostile backup or Manager: a name that sets the terminal title and clears the screen, one that fakes
        // a row of the table, one that turns the text right to left.
        List<Vm> vms = new ArrayList<>(env().vms());
        vms.add(new Vm("x", "vm7\u001B]0;owned\u0007\u001B[2J", VmStatus.UP, "h3", 1L << 30, false));
        vms.add(new Vm("y", "vm8\nvm9                  Up      Host 1  4 GiB", VmStatus.UP, "h3", 1L << 30, false));
        vms.add(new Vm("z", "\u202Evm10", VmStatus.UP, "h3", 1L << 30, false));
        Environment hostile = new Environment("engine\r.lab.example", "4.5.6", env().hosts(), vms, List.of());
        for (Result r : List.of(new Result.VmsView(hostile, vms), new Result.MapView(hostile),
                new Result.HostsView(hostile, hostile.hosts()))) {
            for (boolean colour : List.of(false, true)) {
                String text = new TextRenderer(colour, 200).render(r);
                assertFalse(text.contains("\u0007") || text.contains("\u001B]") || text.contains("\u001B[2J")
                        || text.contains("\r") || text.contains("\u202E"), text);
                assertFalse(text.lines().anyMatch(l -> l.startsWith("vm9")), "no faked row: " + text);
            }
        }
        String table = new TextRenderer(false, 200).render(new Result.VmsView(hostile, vms));
        assertTrue(table.contains("vm7\\x1b]0;owned\\x07\\x1b[2J"), table);
        assertTrue(table.contains("vm8\\nvm9 "), table);
        assertTrue(table.contains("\\u202evm10"), table);
        assertEquals(1 + vms.size(), table.lines().count(), table);
        assertTrue(new TextRenderer(false, 200).render(new Result.MapView(hostile)).contains("engine\\r.lab"));
    }

    @Test
    void vmCountsLeaveTheEngineVmOutAndNameItApartEverywhere() {
        Environment env = env();
        String hosts = new TextRenderer(false, 200).render(new Result.HostsView(env, env.hosts()));
        assertTrue(hosts.lines().anyMatch(l -> l.matches("Host 2 +host2.lab.example +Up +2 \\+ engine VM +yes +3400"
                + " +◆ HostedEngine")), hosts);
        assertTrue(hosts.lines().anyMatch(l -> l.matches("Host 3 +host3.lab.example +Up +4 +yes +3400")), hosts);
        String map = new TextRenderer(false, 100).render(new Result.MapView(env));
        assertTrue(map.startsWith("Engine engine.lab.example (oVirt 4.5.6), 3 hosts, 6 VMs + engine VM;"), map);
        assertEquals("2 VMs + engine VM", org.heshell.model.Load.on(env, "h2").phrase());
        assertEquals("no VMs", org.heshell.model.Load.on(env, "h1").phrase());
    }

    @Test
    void theMapDrawsHostsSideBySideWithTheirVms() {
        String map = new TextRenderer(false, 100).render(new Result.MapView(env()));
        List<String> lines = map.lines().toList();
        assertTrue(lines.get(2).matches("Host 1 +Host 2 +Host 3"), lines.get(2));
        assertTrue(lines.get(4).matches("Maintenance · HA 0 +Up · HA 3400 +Up · HA 3400"), lines.get(4));
        assertTrue(lines.get(6).matches("\\(no VMs\\) +HostedEngine ◆ +vm1"), lines.get(6));
        assertEquals(4, lines.stream().filter(l -> l.matches(".*vm[1256]$")).count(), map);
        assertFalse(map.contains("\u001B["), "no ANSI codes without colour");
    }

    @Test
    void aNarrowScreenWrapsTheMapIntoBands() {
        String map = new TextRenderer(false, 45).render(new Result.MapView(env()));
        assertTrue(map.lines().anyMatch(l -> l.matches("Host 1 +Host 2")), map);
        assertTrue(map.lines().anyMatch(l -> l.equals("Host 3")), map);
    }

    @Test
    void colourOnlyWhenAsked() {
        String coloured = new TextRenderer(true, 100).render(new Result.HostsView(env(), env().hosts()));
        assertTrue(coloured.contains("\u001B["), coloured);
        String plain = new TextRenderer(false, 100).render(new Result.HostsView(env(), env().hosts()));
        assertTrue(plain.lines().toList().get(2).matches(
                "Host 2  host2.lab.example  Up +2 \\+ engine VM  yes +3400  ◆ HostedEngine"), plain);
        assertTrue(plain.lines().toList().get(1).contains("Maintenance") && plain.contains("local maint."), plain);
    }

    @Test
    void aHostChangeSaysWhereTheVmsWent() {
        Environment e = env();
        String s = new TextRenderer(false, 100).render(new Result.HostChanged("in maintenance", e.hosts().get(0),
                List.of(new Migration("vm1", "Host 1", "Host 3", Duration.ofMillis(3400)),
                        new Migration("vm2", "Host 1", "Host 3", Duration.ofMillis(3600))), Duration.ofMillis(7000), e));
        assertEquals("Host 1: in maintenance (Maintenance) after 7.0 s; vm1, vm2 moved to Host 3", s);
    }
}

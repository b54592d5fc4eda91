package org.heshell.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * What `hosted-engine --vm-status` prints on a lab host: the HA agents' shared metadata, one block per hosted-engine
 * host, in the text and JSON forms of ovirt-hosted-engine-setup. Host ids count the hosted-engine hosts from 1.
 */
final class LabHaStatus {
    private final LabState state;
    private final long timestamp;

    LabHaStatus(LabState state, long timestamp) {
        this.state = state;
        this.timestamp = timestamp;
    }

    private List<LabHost> heHosts() {
        return state.hosts().stream().filter(LabHost::heConfigured).toList();
    }

    /** The engine VM's status as this host's agent reports it, a JSON object in a string as the real one writes. */
    private String engineStatus(LabHost h) {
        boolean here = state.site().engineVmRuns() && state.vms().stream()
                .anyMatch(v -> v.engine() && "up".equals(v.status()) && h.id().equals(v.hostId()));
        if (here && state.site().engine().equals(LabSite.HUNG)) {
            // the VM runs, but the engine's health page does not answer the agent
            return "{\"vm\": \"up\", \"health\": \"bad\", \"detail\": \"Up\", \"reason\": \"failed liveliness check\"}";
        }
        return here ? "{\"vm\": \"up\", \"health\": \"good\", \"detail\": \"Up\"}"
                : "{\"vm\": \"down\", \"health\": \"bad\", \"detail\": \"unknown\", \"reason\": \"vm not running on"
                + " this host\"}";
    }

    /** Whether the host's agent still writes its metadata: what others read of it is stale otherwise. */
    private static boolean live(LabHost h) {
        return !"non_responsive".equals(h.status()) && !"down".equals(h.status());
    }

    private String crc(LabHost h) {
        CRC32 c = new CRC32();
        c.update((h.id() + h.heScore() + h.heLocalMaintenance() + timestamp).getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
        return String.format("%08x", c.getValue());
    }

    String text() {
        StringBuilder out = new StringBuilder();
        if (state.globalMaintenance()) {
            out.append("\n\n!! Cluster is in GLOBAL MAINTENANCE mode !!\n");
        }
        List<LabHost> hosts = heHosts();
        for (int i = 0; i < hosts.size(); i++) {
            LabHost h = hosts.get(i);
            boolean live = live(h);
            out.append("\n\n--== Host ").append(h.address()).append(" (id: ").append(i + 1).append(") status ==--\n\n");
            row(out, "Host ID", Integer.toString(i + 1));
            row(out, "Host timestamp", Long.toString(timestamp));
            row(out, "Score", Integer.toString(h.heScore()));
            row(out, "Engine status", live ? engineStatus(h) : "unknown stale-data");
            row(out, "Hostname", h.address());
            row(out, "Local maintenance", h.heLocalMaintenance() ? "True" : "False");
            row(out, "stopped", "False");
            row(out, "crc32", crc(h));
            row(out, "conf_on_shared_storage", "True");
            row(out, "local_conf_timestamp", Long.toString(timestamp));
            row(out, "Status up-to-date", live ? "True" : "False");
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String name, String value) {
        out.append(String.format("%-35s: %s%n", name, value));
    }

    String json() {
        Map<String, Object> all = new LinkedHashMap<>();
        List<LabHost> hosts = heHosts();
        for (int i = 0; i < hosts.size(); i++) {
            LabHost h = hosts.get(i);
            boolean live = live(h);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("conf_on_shared_storage", true);
            m.put("live-data", live);
            m.put("extra", "metadata_parse_version=1\nmetadata_feature_version=1\ntimestamp=" + timestamp
                    + "\nhost-id=" + (i + 1) + "\nscore=" + h.heScore() + "\nmaintenance=" + h.heLocalMaintenance()
                    + "\n");
            m.put("hostname", h.address());
            m.put("host-id", i + 1);
            m.put("engine-status", live ? engineStatus(h) : "unknown stale-data");
            m.put("score", h.heScore());
            m.put("stopped", false);
            m.put("maintenance", h.heLocalMaintenance());
            m.put("crc32", crc(h));
            m.put("local_conf_timestamp", timestamp);
            m.put("host-ts", timestamp);
            all.put(Integer.toString(i + 1), m);
        }
        all.put("global_maintenance", state.globalMaintenance());
        try {
            return new ObjectMapper().writeValueAsString(all);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}

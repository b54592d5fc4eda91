package org.heshell.restore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * `hosted-engine --vm-status --json` as ovirt-hosted-engine-ha writes it: an object keyed by host id, each with the
 * host's name, whether its data is live, its score, and the engine VM's status as that host's agent sees it (itself
 * a JSON object written into a string, or "unknown stale-data"), plus global_maintenance.
 */
public record HaVmStatus(List<Agent> agents, boolean globalMaintenance) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One host's agent: {@code vm} up or down, {@code health} good or bad, and why, as the agent says. */
    public record Agent(String hostname, boolean live, int score, String vm, String health, String detail,
                        String reason) {
        /** The engine status in the agent's own words, e.g. "vm up, health bad: failed liveliness check". */
        public String describe() {
            return "vm " + vm + ", health " + health + (reason == null || reason.isEmpty() ? "" : ": " + reason);
        }
    }

    public HaVmStatus {
        agents = List.copyOf(agents);
    }

    /** The output read, or empty when it is not that JSON (an old or broken hosted-engine, or no HA setup). */
    public static Optional<HaVmStatus> parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (root == null || !root.isObject()) {
            return Optional.empty();
        }
        List<Agent> agents = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode h = e.getValue();
            if (!e.getKey().matches("\\d+") || !h.isObject()) {
                continue;
            }
            JsonNode status = engineStatus(h.path("engine-status"));
            agents.add(new Agent(h.path("hostname").asText(""), h.path("live-data").asBoolean(false),
                    h.path("score").asInt(0), status.path("vm").asText("unknown"),
                    status.path("health").asText("unknown"), status.path("detail").asText(""),
                    status.path("reason").asText("")));
        }
        return Optional.of(new HaVmStatus(agents, root.path("global_maintenance").asBoolean(false)));
    }

    /** The agent whose live data says the engine VM runs on its host, if any. */
    public Optional<Agent> runningOn() {
        return agents.stream().filter(a -> a.live() && a.vm().equals("up")).findFirst();
    }

    private static JsonNode engineStatus(JsonNode field) {
        if (field.isObject()) {
            return field;
        }
        try {
            JsonNode parsed = JSON.readTree(field.asText("{}"));
            return parsed != null && parsed.isObject() ? parsed : JSON.createObjectNode();
        } catch (IOException e) {
            return JSON.createObjectNode(); // "unknown stale-data": the agent knows nothing now
        }
    }
}

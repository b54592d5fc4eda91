package org.heshell.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.heshell.command.Result;
import org.heshell.model.Environment;
import org.junit.jupiter.api.Test;

class JsonRendererTest {
    @Test
    void hostsAreAnArrayWithTheFieldsScriptsNeed() throws Exception {
        Environment env = TextRendererTest.env();
        JsonNode hosts = new ObjectMapper().readTree(new JsonRenderer().render(new Result.HostsView(env,
                env.hosts())));
        assertTrue(hosts.isArray());
        JsonNode h2 = hosts.get(1);
        assertEquals("Host 2", h2.get("name").asText());
        assertEquals("host2.lab.example", h2.get("address").asText());
        assertEquals("up", h2.get("status").asText());
        assertEquals(2, h2.get("vmCount").asInt());
        assertEquals(3400, h2.get("hostedEngineScore").asInt());
        assertTrue(h2.get("runsEngineVm").asBoolean());
        assertEquals("maintenance", hosts.get(0).get("status").asText());
        assertEquals(false, hosts.get(0).get("runsEngineVm").asBoolean());
    }

    @Test
    void vmsAndTheMapToo() throws Exception {
        Environment env = TextRendererTest.env();
        JsonNode vms = new ObjectMapper().readTree(new JsonRenderer().render(new Result.VmsView(env, env.vms())));
        assertEquals("HostedEngine", vms.get(0).get("name").asText());
        assertTrue(vms.get(0).get("engineVm").asBoolean());
        assertEquals("Host 2", vms.get(0).get("host").asText());
        JsonNode map = new ObjectMapper().readTree(new JsonRenderer().render(new Result.MapView(env)));
        assertEquals(0, map.get("hosts").get(0).get("vms").size());
        assertEquals(4, map.get("hosts").get(2).get("vms").size());
    }
}

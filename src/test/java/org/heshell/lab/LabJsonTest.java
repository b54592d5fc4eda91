package org.heshell.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's engine to a client that asks for JSON, as the engine's Jackson writer answers it. */
class LabJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static LabFixture lab;
    static HttpClient http;
    static String api;

    @BeforeAll
    static void start() throws Exception {
        lab = LabFixture.start(dir.resolve("lab"));
        http = lab.https();
        api = lab.endpoint().apiUrl();
    }

    @AfterAll
    static void stop() throws Exception {
        lab.close();
    }

    private static HttpRequest.Builder request(String path, String accept) throws Exception {
        return HttpRequest.newBuilder(URI.create(api + path)).header("Accept", accept).header("Authorization",
                lab.basicAuth());
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElse(""), r.body());
        return JSON.readTree(r.body());
    }

    private static HttpResponse<String> post(String path, String jsonBody) throws Exception {
        return send(request(path, "application/json").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody)));
    }

    private static String status(String hostId) {
        return lab.lab().world().snapshot().hosts().stream().filter(h -> h.id().equals(hostId)).findFirst()
                .orElseThrow().status();
    }

    @Test
    void aCollectionIsOneArrayNamedAfterItsElementWithTypedValues() throws Exception {
        HttpResponse<String> r = send(request("/hosts", "application/json"));
        assertEquals(200, r.statusCode());
        JsonNode hosts = json(r).get("host");
        assertEquals(3, hosts.size(), r.body());
        JsonNode h1 = hosts.get(0);
        assertEquals("Host 1", h1.get("name").asText());
        assertEquals("/ovirt-engine/api/hosts/" + h1.get("id").asText(), h1.get("href").asText());
        assertTrue(h1.get("memory").isIntegralNumber() && h1.get("memory").asLong() > 0, r.body());
        assertTrue(h1.get("numa_supported").isBoolean(), r.body());
        assertEquals("up", h1.get("status").asText());
        assertTrue(h1.get("link").isArray() && h1.get("link").get(0).has("rel"), r.body());
        assertTrue(h1.get("actions").get("link").isArray(), r.body());
        assertTrue(h1.get("cluster").get("id").isTextual(), r.body());
        assertTrue(h1.get("hardware_information").get("supported_rng_sources").get("supported_rng_source")
                .isArray(), r.body());
        assertTrue(h1.get("spm").get("priority").isIntegralNumber(), r.body());
    }

    @Test
    void anEmptyCollectionIsAnEmptyObjectAndDatesAreEpochMilliseconds() throws Exception {
        JsonNode none = json(send(request("/hosts?search=" + URLEncoder.encode("name=nosuch",
                StandardCharsets.UTF_8), "application/json")));
        assertEquals(0, none.size(), none.toString());
        lab.engineBackupCheck(Instant.now()); // the engine's alert that no backup was taken: an event to read
        JsonNode events = json(send(request("/events?max=1", "application/json"))).get("event");
        assertEquals(1, events.size());
        long time = events.get(0).get("time").asLong();
        String xml = send(request("/events/" + events.get(0).get("id").asText(), "application/xml")).body();
        assertTrue(xml.contains("<time>"), xml);
        String xmlTime = xml.substring(xml.indexOf("<time>") + 6, xml.indexOf("</time>"));
        assertEquals(Instant.parse(xmlTime).toEpochMilli(), time, xml);
        assertTrue(events.get(0).get("code").isIntegralNumber());
    }

    @Test
    void xmlStaysTheDefaultAndTheFirstNamedTypeWins() throws Exception {
        assertTrue(send(request("/hosts", "*/*")).body().startsWith("<?xml"));
        assertTrue(send(request("/hosts", "application/xml, application/json")).body().startsWith("<?xml"));
        assertEquals(3, json(send(request("/hosts", "application/json, application/xml"))).get("host").size());
    }

    @Test
    void aJsonActionBodyActsAndAFaultComesBackInJson() throws Exception {
        String id = lab.lab().world().snapshot().hosts().get(2).id();
        HttpResponse<String> bad = post("/hosts/" + id + "/deactivate", "[1]");
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(json(bad).get("detail").asText().contains("JSON object"), bad.body());
        assertEquals("up", status(id), "a refused request changes nothing");

        HttpResponse<String> delete = send(request("/hosts/" + id, "application/json").DELETE());
        assertEquals(409, delete.statusCode());
        JsonNode fault = json(delete);
        assertEquals("Operation Failed", fault.get("reason").asText());
        assertTrue(fault.get("detail").asText().contains("Maintenance"), delete.body());

        HttpResponse<String> done = post("/hosts/" + id + "/deactivate", "{\"reason\": \"json client\"}");
        assertEquals(200, done.statusCode(), done.body());
        assertEquals("complete", json(done).get("status").asText());
        assertTrue(!status(id).equals("up"), "the host goes to maintenance: " + status(id));
    }
}

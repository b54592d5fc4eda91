package org.heshell.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lab's engine as any HTTP client sees it: the behaviours a client can tell apart from the real engine. */
class LabApiServerTest {
    @TempDir
    static Path dir;
    static LabFixture lab;
    static HttpClient http;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        lab = LabFixture.start(dir.resolve("lab"));
        http = lab.https();
        base = lab.endpoint().apiUrl().replace("/ovirt-engine/api", "");
    }

    @AfterAll
    static void stop() throws Exception {
        lab.close();
    }

    private static HttpResponse<String> tokenRequest(String user, String password) throws Exception {
        String form = "grant_type=password&scope=ovirt-app-api&username=" + URLEncoder.encode(user,
                StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        return http.send(HttpRequest.newBuilder(URI.create(base + "/ovirt-engine/sso/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path, String auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/ovirt-engine/api" + path))
                .header("Accept", "application/xml");
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSsoTokenServiceAnswersLikeTheEngines() throws Exception {
        HttpResponse<String> ok = tokenRequest("admin@internal", new String(lab.password()));
        assertEquals(200, ok.statusCode());
        assertTrue(ok.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode token = new ObjectMapper().readTree(ok.body());
        assertEquals("bearer", token.get("token_type").asText());
        assertEquals("ovirt-app-api", token.get("scope").asText());
        assertTrue(token.get("exp").isTextual(), "exp is a string of milliseconds");
        assertTrue(Long.parseLong(token.get("exp").asText()) > System.currentTimeMillis());
        HttpResponse<String> api = get("", "Bearer " + token.get("access_token").asText());
        assertEquals(200, api.statusCode());
        assertTrue(api.body().contains("<product_info>"), api.body());

        HttpResponse<String> bad = tokenRequest("admin@internal", "wrong");
        assertEquals(400, bad.statusCode());
        JsonNode error = new ObjectMapper().readTree(bad.body());
        assertEquals("access_denied", error.get("error_code").asText());
        assertTrue(error.get("error").asText().contains("incorrect"));
    }

    @Test
    void noCredentialsIs401AndBasicAuthWorks() throws Exception {
        assertEquals(401, get("/hosts", null).statusCode());
        assertEquals(401, get("/hosts", "Bearer not-a-token").statusCode());
        HttpResponse<String> hosts = get("/hosts", lab.basicAuth());
        assertEquals(200, hosts.statusCode());
        assertTrue(hosts.body().contains("<name>Host 1</name>"));
    }

    @Test
    void hostedEngineAppearsOnlyWithAllContent() throws Exception {
        assertFalse(get("/hosts", lab.basicAuth()).body().contains("<hosted_engine>"));
        String all = get("/hosts?all_content=true", lab.basicAuth()).body();
        assertTrue(all.contains("<hosted_engine>"), all);
        assertTrue(all.contains("<score>3400</score>"), all);
    }

    @Test
    void followHostInlinesTheHostAndSearchFilters() throws Exception {
        String vms = get("/vms?follow=host&search=" + URLEncoder.encode("name=Hosted*", StandardCharsets.UTF_8),
                lab.basicAuth()).body();
        assertTrue(vms.contains("<name>HostedEngine</name>"), vms);
        assertTrue(vms.contains("<name>Host 2</name>"), "the engine VM's host inlined: " + vms);
        assertTrue(vms.contains("<origin>managed_hosted_engine</origin>"), vms);
        assertFalse(vms.contains("<name>vm1</name>"), vms);
        String hosts = get("/hosts?search=" + URLEncoder.encode("name=Host 3", StandardCharsets.UTF_8), lab.basicAuth())
                .body();
        assertTrue(hosts.contains("<name>Host 3</name>") && !hosts.contains("<name>Host 1</name>"), hosts);
        assertEquals(400, get("/hosts?search=" + URLEncoder.encode("colour=red", StandardCharsets.UTF_8), lab.basicAuth())
                .statusCode());
    }

    @Test
    void deletingAnUpHostIsAConflictWithTheEnginesReason() throws Exception {
        String id = lab.lab().world().snapshot().hosts().get(2).id();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/ovirt-engine/api/hosts/" + id))
                .header("Authorization", lab.basicAuth()).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(409, r.statusCode());
        assertTrue(r.body().contains("<fault>") && r.body().contains("Operation Failed"), r.body());
        assertTrue(r.body().contains("Please switch Host to Maintenance mode first"), r.body());
    }

    @Test
    void secretsInTheLabDirAreOwnerOnly() throws Exception {
        Path d = lab.endpoint().passwordFile().getParent();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(d)));
        for (String f : new String[] {"admin-password", "ca.key", "engine.key", "state.json"}) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(d.resolve(f))), f);
        }
    }

    @Test
    void aSecondOpenOfTheSameDirFindsTheRunningLab() throws Exception {
        Lab.Opened again = Lab.open(lab.endpoint().passwordFile().getParent(), Lab.Settings.STANDARD);
        assertTrue(again instanceof Lab.ServedElsewhere, "one world per lab dir");
        assertEquals(lab.endpoint().apiUrl(), again.endpoint().apiUrl());
    }
}

package org.heshell.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ovirt.engine.sdk4.Connection;
import org.ovirt.engine.sdk4.ConnectionBuilder;
import org.ovirt.engine.sdk4.types.Event;

/** The lab engine's audit log, read as the official SDK and the Ansible collection read the real one's. */
class LabEventsTest {
    @TempDir
    Path dir;

    private static void await(LabWorld w, String hostName, String status) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            if (w.snapshot().hosts().stream().anyMatch(h -> h.name().equals(hostName) && h.status().equals(status))) {
                return;
            }
            Thread.sleep(25);
        }
        throw new AssertionError(hostName + " never became " + status + ": " + w.snapshot().hosts());
    }

    private static String id(LabWorld w, String hostName) {
        return w.snapshot().hosts().stream().filter(h -> h.name().equals(hostName)).findFirst().orElseThrow().id();
    }

    @Test
    void maintenanceActivationAndMigrationsAreRecordedWithTheEnginesCodesAndReadBackNewestFirst() throws Exception {
        try (LabFixture lab = LabFixture.start(dir.resolve("lab"))) {
            LabWorld w = lab.lab().world();
            w.deactivate(id(w, "Host 1"));
            await(w, "Host 1", "maintenance");

            Path jks = dir.resolve("trust.jks");
            KeyStore ks = KeyStore.getInstance("JKS");
            ks.load(null, null);
            try (InputStream in = Files.newInputStream(lab.endpoint().caFile())) {
                ks.setCertificateEntry("lab", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
            try (OutputStream out = Files.newOutputStream(jks)) {
                ks.store(out, "changeit".toCharArray());
            }
            try (Connection sdk = ConnectionBuilder.connection().url(lab.endpoint().apiUrl())
                    .user("admin@internal").password(new String(lab.password())).trustStoreFile(jks.toString())
                    .trustStorePassword("changeit").build()) {
                var events = sdk.systemService().eventsService();
                List<Event> all = events.list().send().events();
                List<Integer> codes = all.stream().map(e -> e.code().intValue()).toList();
                // newest first: the host reached maintenance after its two VMs had moved, asked by the user
                assertEquals(List.of(15, 63, 67, 63, 67, 600), codes, all.stream().map(Event::description).toList()
                        .toString());
                assertTrue(all.get(0).description().equals("Host Host 1 was switched to Maintenance Mode."));
                assertEquals(id(w, "Host 1"), all.get(0).host().id());
                assertTrue(all.get(2).description().startsWith("Migration initiated by system (VM: vm"),
                        all.get(2).description());
                assertTrue(Long.parseLong(all.get(0).id()) > Long.parseLong(all.get(1).id()), "ids grow");

                // what ovirt_host does: remember the newest id, act, then read what came after it
                String last = events.list().max(1).send().events().get(0).id();
                w.activate(id(w, "Host 1"));
                await(w, "Host 1", "up");
                List<Event> after = events.list().from(Integer.parseInt(last)).send().events();
                assertEquals(List.of(16), after.stream().map(e -> e.code().intValue()).toList());
                assertEquals(List.of(600), events.list().search("type=600").send().events().stream()
                        .map(e -> e.code().intValue()).toList());
                assertEquals(2, events.list().search("type=67 and vm=vm*").send().events().size());
            }

            // raw HTTP, as any client sees it
            SSLContext tls = SSLContext.getInstance("TLS");
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            tls.init(null, tmf.getTrustManagers(), null);
            String auth = "Basic " + Base64.getEncoder().encodeToString(("admin@internal:" + new String(
                    lab.password())).getBytes(StandardCharsets.UTF_8));
            HttpResponse<String> one = HttpClient.newBuilder().sslContext(tls).build().send(HttpRequest.newBuilder(
                    URI.create(lab.endpoint().apiUrl() + "/events?max=1&search=" + URLEncoder.encode("severity=normal",
                            StandardCharsets.UTF_8))).header("Authorization", auth).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, one.statusCode());
            assertTrue(one.body().contains("<code>16</code>") && one.body().contains("<severity>normal</severity>")
                    && one.body().contains("<origin>oVirt</origin>"), one.body());
            assertEquals(1, one.body().split("<event ", -1).length - 1, one.body());
        }
        // the audit log is kept in the lab dir: a restarted lab has it all
        try (LabFixture again = LabFixture.start(dir.resolve("lab"))) {
            assertEquals(16, again.lab().world().events().get(0).code());
            assertEquals(7, again.lab().world().events().size());
        }
    }

    @Test
    void aMaintenanceThatStalledForWantOfRoomIsRetriedWhenRoomAppears() throws Exception {
        try (LabFixture lab = LabFixture.start(dir.resolve("lab"))) {
            LabWorld w = lab.lab().world();
            w.deactivate(id(w, "Host 1"));
            await(w, "Host 1", "maintenance");
            w.deactivate(id(w, "Host 3")); // four VMs; Host 2 has room for two
            for (int i = 0; i < 400 && w.events().stream().noneMatch(e -> e.code() == 602); i++) {
                Thread.sleep(25);
            }
            LabEvent stalled = w.events().stream().filter(e -> e.code() == 602).findFirst().orElseThrow();
            assertEquals("warning", stalled.severity());
            assertTrue(stalled.description().startsWith("Host Host 3 cannot change into maintenance mode"),
                    stalled.description());
            assertEquals("preparing_for_maintenance", w.host(id(w, "Host 3")).status());
            w.activate(id(w, "Host 1")); // room appears
            await(w, "Host 3", "maintenance");
            assertTrue(w.snapshot().vms().stream().noneMatch(v -> v.hostId().equals(id(w, "Host 3"))));
        }
    }
}

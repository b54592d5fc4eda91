package org.heshell.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ovirt.engine.sdk4.Connection;
import org.ovirt.engine.sdk4.Error;
import org.ovirt.engine.sdk4.types.DataCenter;
import org.ovirt.engine.sdk4.types.Host;
import org.ovirt.engine.sdk4.types.StorageDomain;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The lab engine's REST API as clients the project did not write read a real 4.5 engine's: through the official
 * Java SDK and as raw HTTPS, every collection and the fields the engine's mappers always fill.
 */
class LabRestApiTest {
    @TempDir
    static Path dir;
    static LabFixture lab;
    static HttpClient http;
    static String base;
    static Connection sdk;

    @BeforeAll
    static void start() throws Exception {
        lab = LabFixture.start(dir.resolve("lab"));
        http = lab.https();
        base = lab.endpoint().apiUrl().replace("/ovirt-engine/api", "");
        sdk = lab.sdk(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        sdk.close();
        lab.close();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/ovirt-engine/api" + path))
                .header("Authorization", lab.basicAuth()).header("Accept", "application/xml").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Element xml(String body) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
    }

    private static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }

    private static Element child(Element e, String name) {
        return children(e).stream().filter(c -> c.getTagName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("<" + e.getTagName() + "> has no <" + name + ">"));
    }

    private static String text(Element e, String path) {
        Element at = e;
        for (String name : path.split("/")) {
            at = child(at, name);
        }
        return at.getTextContent();
    }

    /** Element names in document order, repeats (link) once. */
    private static List<String> names(Element e) {
        List<String> out = new ArrayList<>();
        for (Element c : children(e)) {
            if (out.isEmpty() || !out.get(out.size() - 1).equals(c.getTagName())) {
                out.add(c.getTagName());
            }
        }
        return out;
    }

    private static String hostId(String name) {
        return lab.lab().world().snapshot().hosts().stream().filter(h -> h.name().equals(name)).findFirst()
                .orElseThrow().id();
    }

    @Test
    void theApiRootLinksEveryCollectionNamesTheUserAndTheSpecialObjects() throws Exception {
        HttpResponse<String> r = get("");
        assertEquals(200, r.statusCode());
        Element api = xml(r.body());
        List<String> rels = children(api).stream().filter(c -> c.getTagName().equals("link"))
                .map(c -> c.getAttribute("rel")).toList();
        for (String rel : List.of("clusters", "clusters/search", "datacenters", "datacenters/search", "events",
                "events/search", "hosts", "hosts/search", "storagedomains", "storagedomains/search", "vms",
                "vms/search", "users", "jobs")) {
            assertTrue(rels.contains(rel), rel + " in " + rels);
        }
        assertTrue(r.body().contains("<link href=\"/ovirt-engine/api/events;from={event_id}?search={query}\""
                + " rel=\"events/search\"/>"), r.body());
        // schema order: the links (BaseResource), then Api's attributes by name, then its links
        assertEquals(List.of("link", "engine_backup", "product_info", "special_objects", "summary", "time",
                "authenticated_user", "effective_user"), names(api));
        assertEquals("/ovirt-engine/api/templates/00000000-0000-0000-0000-000000000000",
                child(child(api, "special_objects"), "blank_template").getAttribute("href"));
        assertEquals("00000000-0000-0000-0000-000000000000",
                child(child(api, "special_objects"), "root_tag").getAttribute("id"));
        String user = child(api, "authenticated_user").getAttribute("id");
        assertEquals(user, child(api, "effective_user").getAttribute("id"));
        assertEquals("2", text(api, "summary/storage_domains/total"));
        assertTrue(r.headers().firstValue("Link").orElse("").contains("<" + base
                + "/ovirt-engine/api/hosts>; rel=hosts"), r.headers().map().toString());

        var root = sdk.systemService().get().send().api();
        assertEquals(user, root.authenticatedUser().id());
        assertEquals("00000000-0000-0000-0000-000000000000", root.specialObjects().blankTemplate().id());
        assertEquals("oVirt Engine", root.productInfo().name());
        assertEquals(3, root.summary().hosts().totalAsInteger());
        assertEquals("admin@internal-authz", sdk.followLink(root.authenticatedUser()).userName());
    }

    @Test
    void theDataCenterAndItsStorageDomainsAreServedAndLinked() throws Exception {
        List<DataCenter> dcs = sdk.systemService().dataCentersService().list().send().dataCenters();
        assertEquals(1, dcs.size());
        DataCenter dc = dcs.get(0);
        assertEquals("Default", dc.name());
        assertEquals("up", dc.status().value());
        assertFalse(dc.local());
        assertEquals(4, dc.version().majorAsInteger());
        assertEquals(7, dc.supportedVersions().get(0).minorAsInteger());

        var cluster = sdk.systemService().clustersService().list().send().clusters().get(0);
        assertEquals(dc.id(), cluster.dataCenter().id(), "the cluster's data_center link");
        assertEquals("Default", sdk.followLink(cluster.dataCenter()).name());

        List<StorageDomain> all = sdk.systemService().storageDomainsService().list().send().storageDomains();
        assertEquals(List.of("hosted_storage", "data"), all.stream().map(StorageDomain::name).toList());
        StorageDomain he = all.get(0);
        assertTrue(he.master());
        assertEquals("data", he.type().value());
        assertEquals("nfs", he.storage().type().value());
        assertEquals("/exports/hosted_storage", he.storage().path());
        assertNull(he.status(), "no status outside a data center, as BackendStorageDomainsResource");
        assertEquals(dc.id(), he.dataCenters().get(0).id());
        assertTrue(he.availableAsLong() > 0 && he.usedAsLong() > 0);

        var attached = sdk.systemService().dataCentersService().dataCenterService(dc.id()).storageDomainsService()
                .list().send().storageDomains();
        assertEquals(List.of("active", "active"), attached.stream().map(d -> d.status().value()).toList());
        assertEquals(he.id(), sdk.systemService().storageDomainsService().storageDomainService(he.id()).get().send()
                .storageDomain().id());
        assertEquals("data", sdk.systemService().storageDomainsService().list().search("name=data").send()
                .storageDomains().get(0).name());

        // raw: the collections' element names and the schema order of a storage domain
        Element sds = xml(get("/storagedomains").body());
        assertEquals("storage_domains", sds.getTagName());
        assertEquals(List.of("actions", "name", "description", "comment", "link", "available", "backup",
                "block_size", "committed", "critical_space_action_blocker", "discard_after_delete", "external_status",
                "master", "storage", "storage_format", "supports_discard", "supports_discard_zeroes_data", "type",
                "used", "warning_low_space_indicator", "wipe_after_delete", "data_centers"),
                names(children(sds).get(0)));
        Element dcXml = children(xml(get("/datacenters").body())).get(0);
        assertEquals(List.of("actions", "name", "description", "link", "local", "quota_mode", "status",
                "storage_format", "supported_versions", "version", "mac_pool"), names(dcXml));
        assertTrue(children(dcXml).stream().anyMatch(c -> c.getTagName().equals("link")
                && c.getAttribute("rel").equals("storagedomains")), "the data center links its storage domains");
        assertEquals(List.of("address", "nfs_version", "path", "type"), names(child(children(sds).get(0),
                "storage")));
        assertEquals(200, get("/datacenters/" + dc.id() + "/storagedomains/" + he.id()).statusCode());
        assertEquals("host_storages", xml(get("/hosts/" + hostId("Host 1") + "/storage").body()).getTagName());
    }

    @Test
    void aHostCarriesWhatHostMapperAlwaysFills() throws Exception {
        Host h = sdk.systemService().hostsService().hostService(hostId("Host 1")).get().send().host();
        assertEquals(5, h.spm().priorityAsInteger());
        assertEquals("spm", h.spm().status().value(), "the first Up host holds the SPM role");
        Host h2 = sdk.systemService().hostsService().hostService(hostId("Host 2")).get().send().host();
        assertEquals("none", h2.spm().status().value());
        assertFalse(h.powerManagement().enabled());
        assertTrue(h.powerManagement().automaticPmEnabled());
        assertTrue(h.powerManagement().kdumpDetection());
        assertEquals("", h.os().customKernelCmdline(), "empty when unset, never absent");
        assertEquals("RHEL", h.os().type());
        assertEquals(8, h.os().version().majorAsInteger());
        assertTrue(h.os().reportedKernelCmdline().contains("vmlinuz-4.18.0-553.el8_10.x86_64"));
        assertEquals(54321, h.portAsInteger());
        assertEquals("stomp", h.protocol().value());
        assertEquals("vdsm-4.50.5.1-1.el8", h.version().fullVersion());
        assertEquals(4, h.version().majorAsInteger());
        assertFalse(h.ksm().enabled());
        assertEquals(2, h.cpu().topology().socketsAsInteger());
        assertEquals("Secure Intel Cascadelake Server Family", h.cpu().type());
        assertEquals("rhel", h.type().value());
        assertEquals("O=lab.example,CN=host1.lab.example", h.certificate().subject());
        assertEquals("lab.example", h.certificate().organization());
        assertFalse(h.updateAvailable());
        assertEquals("enforcing", h.seLinux().mode().value());
        assertEquals("disabled", h.kdumpStatus().value());
        assertEquals(22, h.ssh().portAsInteger());
        assertTrue(h.transparentHugePages().enabled());
        assertFalse(h.devicePassthrough().enabled());
        assertEquals("ok", h.externalStatus().value());
        assertTrue(h.iscsi().initiator().startsWith("iqn.1994-05.com.redhat:"));
        assertEquals(8, h.libvirtVersion().majorAsInteger());
        assertFalse(h.reinstallationRequired());
        assertTrue(h.numaSupported());
        assertEquals(lab.lab().world().snapshot().hosts().get(0).uniqueId(), h.hardwareInformation().uuid());
        assertTrue(h.nics().isEmpty() && "/ovirt-engine/api/hosts/" .concat(h.id()).concat("/nics")
                .equals(((org.ovirt.api.metamodel.runtime.util.ListWithHref<?>) h.nics()).href()),
                "unfollowed nics are a link");

        // raw: HostMapper's elements in the schema's order, the actions and the sub-collection links
        Element host = xml(get("/hosts/" + hostId("Host 1")).body());
        assertEquals(List.of("actions", "name", "comment", "link", "address", "auto_numa_status", "certificate",
                "cpu", "device_passthrough", "external_status", "hardware_information", "iscsi", "kdump_status",
                "ksm", "libvirt_version", "max_scheduling_memory", "memory", "numa_supported", "os",
                "ovn_configured", "port", "power_management", "protocol", "reinstallation_required", "se_linux",
                "spm", "ssh", "status", "summary", "transparent_hugepages", "type", "update_available", "version",
                "vgpu_placement", "cluster"), names(host));
        List<String> actions = children(child(host, "actions")).stream().map(a -> a.getAttribute("rel")).toList();
        assertTrue(actions.containsAll(List.of("activate", "deactivate", "fence", "install", "upgrade")), actions.toString());
        assertEquals("<custom_kernel_cmdline></custom_kernel_cmdline>", get("/hosts/" + hostId("Host 1")).body()
                .lines().map(String::strip).filter(l -> l.startsWith("<custom_kernel_cmdline")).findFirst()
                .orElseThrow());
        assertEquals(List.of("priority", "status"), names(child(host, "spm")));
    }

    @Test
    void anUnknownIdOrPathIsA404WithAnEmptyBodyAsTheEngines() throws Exception {
        for (String path : List.of("/hosts/" + java.util.UUID.randomUUID(), "/hosts/not-a-guid", "/vms/"
                + java.util.UUID.randomUUID(), "/datacenters/" + java.util.UUID.randomUUID(), "/storagedomains/x",
                "/events/999999", "/clusters/x", "/users/x", "/nothing")) {
            HttpResponse<String> r = get(path);
            assertEquals(404, r.statusCode(), path);
            assertEquals("", r.body(), path);
        }
        HttpResponse<String> action = http.send(HttpRequest.newBuilder(URI.create(base + "/ovirt-engine/api/hosts/"
                + java.util.UUID.randomUUID() + "/deactivate")).header("Authorization", lab.basicAuth())
                .header("Content-Type", "application/xml").POST(HttpRequest.BodyPublishers.ofString("<action/>"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, action.statusCode());
        assertEquals("", action.body());
        Error e = assertThrows(Error.class, () -> sdk.systemService().hostsService()
                .hostService(java.util.UUID.randomUUID().toString()).get().send());
        assertTrue(e.getMessage().contains("404"), e.getMessage());
    }

    @Test
    void aConflictIsAFaultInTheSchemasOrder() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/ovirt-engine/api/hosts/"
                + hostId("Host 3"))).header("Authorization", lab.basicAuth()).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(409, r.statusCode());
        Element fault = xml(r.body());
        assertEquals(List.of("detail", "reason"), names(fault));
        assertEquals("Operation Failed", text(fault, "reason"));
    }

    @Test
    void theSsoTokenServiceRefusesARequestThatDoesNotAcceptJson() throws Exception {
        String form = "grant_type=password&scope=ovirt-app-api&username=admin%40internal&password="
                + URLEncoder.encode(new String(lab.password()), StandardCharsets.UTF_8);
        for (String accept : new String[] {null, "application/xml", "application/json, text/plain", "*/*"}) {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/ovirt-engine/sso/oauth/token"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
            if (accept != null) {
                b.header("Accept", accept);
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(400, r.statusCode(), String.valueOf(accept));
            assertEquals(Map.of("error_code", "invalid_request", "error", "Missing parameter: 'Accept Header'"),
                    new com.fasterxml.jackson.databind.ObjectMapper().readValue(r.body(), Map.class), r.body());
        }
        HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(base + "/ovirt-engine/sso/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode());
        assertTrue(ok.body().contains("\"access_token\""), ok.body());
    }

    @Test
    void everyEventAnswerIsInTheSchemasOrder() throws Exception {
        LabWorld w = lab.lab().world();
        w.event(LabEvent.USER_ADD_VDS, "normal", "Host X was added by admin@internal-authz.", w.hosts().get(0),
                null, "admin@internal-authz");
        Element events = xml(get("/events?max=1").body());
        assertEquals(List.of("description", "code", "custom_id", "flood_rate", "index", "origin", "severity", "time",
                "cluster", "data_center", "host", "user"), names(children(events).get(0)));
    }

    @Test
    void aHostedEngineHostInLocalMaintenanceStillReportsItsAgentActive() throws Exception {
        try (LabFixture own = LabFixture.start(dir.resolve("maintenance"))) {
            LabWorld w = own.lab().world();
            String id = w.snapshot().hosts().get(0).id();
            w.deactivate(id);
            for (int i = 0; i < 400 && !"maintenance".equals(w.host(id).status()); i++) {
                Thread.sleep(25);
            }
            assertEquals("maintenance", w.host(id).status());
            String auth = own.basicAuth();
            HttpResponse<String> r = own.https().send(HttpRequest.newBuilder(URI.create(own.endpoint().apiUrl() + "/hosts/"
                    + id + "?all_content=true")).header("Authorization", auth).build(),
                    HttpResponse.BodyHandlers.ofString());
            Element he = child(xml(r.body()), "hosted_engine");
            assertEquals("true", text(he, "active"), "the HA agent runs on in local maintenance: " + r.body());
            assertEquals("true", text(he, "local_maintenance"));
            assertEquals("0", text(he, "score"));
        }
    }

    @Test
    void everyLinkOfEveryObjectLeadsToACollection() throws Exception {
        LabState s = lab.lab().world().snapshot();
        LabDataCenter dc = LabDataCenter.of(s);
        for (String path : List.of("/hosts/" + s.hosts().get(0).id(), "/vms/" + s.vms().get(1).id(), "/clusters/"
                + s.clusterId(), "/datacenters/" + dc.id(), "/storagedomains/" + dc.domains().get(1).id(),
                "/datacenters/" + dc.id() + "/storagedomains/" + dc.domains().get(0).id())) {
            Element object = xml(get(path).body());
            List<Element> links = children(object).stream().filter(c -> c.getTagName().equals("link")).toList();
            assertFalse(links.isEmpty(), path);
            for (Element link : links) {
                HttpResponse<String> r = get(link.getAttribute("href").substring("/ovirt-engine/api".length()));
                assertEquals(200, r.statusCode(), link.getAttribute("href"));
                Element collection = xml(r.body());
                assertTrue(children(collection).isEmpty() || link.getAttribute("rel").matches(
                        "nics|storagedomains|clusters|networkattachments|networks"), link.getAttribute("href") + ": " + r.body());
            }
        }
        assertEquals("agents", xml(get("/hosts/" + s.hosts().get(0).id() + "/fenceagents").body()).getTagName());
        assertEquals(404, get("/hosts/" + java.util.UUID.randomUUID() + "/statistics").statusCode());
        assertEquals(404, get("/hosts/" + s.hosts().get(0).id() + "/snapshots").statusCode(), "a VM's, not a host's");
    }
}

package org.heshell.lab;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.ovirt.api.metamodel.runtime.xml.XmlReader;
import org.ovirt.engine.sdk4.builders.ActionBuilder;
import org.ovirt.engine.sdk4.internal.xml.XmlActionReader;
import org.ovirt.engine.sdk4.internal.xml.XmlHostReader;
import org.ovirt.engine.sdk4.types.Action;
import org.ovirt.engine.sdk4.types.Host;

/**
 * The lab engine's REST API v4 resources: what each path and method answers, as ovirt-engine's Backend*Resource
 * classes do. Request bodies are read with the SDK's XML readers; answers are {@link LabXml} in schema order.
 * An unknown path or id is a 404 with an empty body, as the engine's {@code WebApplicationException(NOT_FOUND)}.
 */
final class LabRestApi {
    private static final String XML = "application/xml;charset=UTF-8";
    private static final String JSON = "application/json";

    /**
     * What to send: status, the document of the schema's {@code type} (null for no body) and extra headers; it
     * goes out as XML or, when the client asks for it, JSON ({@link #contentType}, {@link #body}).
     */
    record Answer(int status, LabXml document, String type, Map<String, String> headers) {
        static Answer of(int status, LabXml document, String type) {
            return new Answer(status, document, type, Map.of());
        }

        static Answer empty(int status) {
            return new Answer(status, null, null, Map.of());
        }

        /** The content type for a client whose {@code Accept} header is {@code accept}; null when no body. */
        String contentType(String accept) {
            return document == null ? null : LabJson.accepted(accept) ? JSON : XML;
        }

        byte[] body(String accept) {
            return document == null ? new byte[0]
                    : LabJson.accepted(accept) ? LabJson.write(document, type) : document.document(type);
        }
    }

    /**
     * A request: method, the path after {@code /ovirt-engine/api}, query parameters, headers (by lower-case
     * name), body, and the server's root URL ({@code https://host:port}) for absolute links.
     */
    record Request(String method, String path, Map<String, String> query, Map<String, String> headers,
                   byte[] body, String root) {
        String param(String name) {
            return query.get(name);
        }

        boolean flag(String name, String header) {
            return "true".equalsIgnoreCase(query.get(name))
                    || "true".equalsIgnoreCase(headers.get(header.toLowerCase(java.util.Locale.ROOT)));
        }

        /** The body as XML with root element {@code root}: a JSON body ({@code Content-Type}) is read as XML. */
        byte[] xmlBody(String root) {
            String type = headers.getOrDefault("content-type", "");
            return body.length > 0 && type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")
                    ? LabJson.asXml(body, root) : body;
        }

        List<String> follow() {
            return List.of(query.getOrDefault("follow", "").split(","));
        }
    }

    private final LabWorld world;

    LabRestApi(LabWorld world) {
        this.world = world;
    }

    Answer answer(Request r) {
        String[] seg = r.path().isEmpty() || r.path().equals("/") ? new String[0] : r.path().substring(1).split("/");
        try {
            Answer a = route(r, seg);
            if (a == null && seg.length == 3 && r.method().equals("GET")) {
                a = emptySubCollection(seg);
            }
            return a != null ? a : Answer.empty(404);
        } catch (LabFault f) {
            if (f.httpStatus() == 404) {
                return Answer.empty(404);
            }
            return Answer.of(f.httpStatus(), LabApiModel.fault("Operation Failed", f.getMessage()), "Fault");
        }
    }

    /** The answer to {@code r}, null when no resource is there. */
    private Answer route(Request r, String[] seg) {
        LabState s = world.snapshot();
        boolean get = r.method().equals("GET");
        boolean caseSensitive = "true".equalsIgnoreCase(r.param("case_sensitive"));
        int max = r.query().containsKey("max") ? number(r.param("max"), "max") : Integer.MAX_VALUE;
        if (seg.length == 0) {
            if (!get) {
                return null;
            }
            Answer a = Answer.of(200, LabApiModel.api(s, world.lastBackup("db").orElse(null),
                    world.lastBackup("files").orElse(null)), "Api");
            return new Answer(a.status(), a.document(), a.type(), Map.of("Link",
                    LabApiModel.rootLinkHeader(r.root())));
        }
        String collection = seg[0];
        switch (collection) {
            case "hosts" -> {
                if (seg.length == 1 && get) {
                    Predicate<LabHost> match = LabSearch.parse(r.param("search"), LabApiModel.hostFields(s),
                            caseSensitive);
                    boolean nics = r.follow().contains("nics");
                    boolean all = r.flag("all_content", "All-Content");
                    return list("hosts", "Host", s.hosts().stream().filter(match).limit(max)
                            .map(h -> LabApiModel.host(s, h, all, nics)).toList());
                }
                if (seg.length == 1 && r.method().equals("POST")) {
                    Host body = readHost(r.xmlBody("host"));
                    LabHost added = world.addHost(body.name(), body.address(),
                            "true".equalsIgnoreCase(r.param("deploy_hosted_engine")), false);
                    return Answer.of(201, LabApiModel.host(world.snapshot(), added, false, false), "Host");
                }
                return host(r, s, seg);
            }
            case "vms" -> {
                if (seg.length == 1 && get) {
                    Predicate<LabVm> match = LabSearch.parse(r.param("search"), LabApiModel.vmFields(s),
                            caseSensitive);
                    boolean host = r.follow().contains("host");
                    return list("vms", "Vm", s.vms().stream().filter(match).limit(max)
                            .map(v -> LabApiModel.vm(s, v, host)).toList());
                }
                if (seg.length == 2 && get) {
                    return Answer.of(200, LabApiModel.vm(s, world.vm(seg[1]), r.follow().contains("host")), "Vm");
                }
                if (seg.length == 3 && seg[2].equals("migrate") && r.method().equals("POST")) {
                    Action action = readAction(r.xmlBody("action"));
                    world.migrate(seg[1], action.hostPresent() ? action.host().id() : null);
                    return Answer.of(200, LabApiModel.action("complete"), "Action");
                }
                if (seg.length == 3 && List.of("start", "stop", "shutdown").contains(seg[2])
                        && r.method().equals("POST")) {
                    readAction(r.xmlBody("action")); // the lab takes no options of start (pause, placement, cloud-init ...)
                    switch (seg[2]) {
                        case "start" -> world.startVm(seg[1]);
                        case "stop" -> world.stopVm(seg[1]);
                        default -> world.shutdownVm(seg[1]);
                    }
                    return Answer.of(200, LabApiModel.action("complete"), "Action");
                }
                if (seg.length == 3 && seg[2].equals("maintenance") && r.method().equals("POST")) {
                    // global maintenance is set through the engine VM, as VmService.maintenance does
                    Action action = readAction(r.xmlBody("action"));
                    if (!world.vm(seg[1]).engine()) {
                        throw LabFault.conflict("[Cannot set maintenance of VM. The VM is not a hosted engine VM.]");
                    }
                    world.setGlobalMaintenance(action.maintenanceEnabledPresent() && action.maintenanceEnabled());
                    return Answer.of(200, LabApiModel.action("complete"), "Action");
                }
                return null;
            }
            case "events" -> {
                if (seg.length == 1 && get) {
                    // newest first; `from` keeps only those after the given id, as the engine's SearchQuery does
                    long from = r.query().containsKey("from") ? number(r.param("from"), "from") : -1;
                    Predicate<LabEvent> match = LabSearch.parse(r.param("search"), LabApiModel.eventFields(),
                            LabApiModel.eventRanks(), caseSensitive);
                    return list("events", "Event", world.events().stream().filter(e -> e.id() > from)
                            .filter(match).limit(max).map(e -> LabApiModel.event(s, e)).toList());
                }
                if (seg.length == 2 && get) {
                    return world.events().stream().filter(x -> Long.toString(x.id()).equals(seg[1])).findFirst()
                            .map(e -> Answer.of(200, LabApiModel.event(s, e), "Event")).orElse(null);
                }
                return null;
            }
            case "clusters" -> {
                if (seg.length == 1 && get) {
                    boolean match = LabSearch.parse(r.param("search"), Map.<String, java.util.function.Function<
                            LabState, String>>of("name", LabState::clusterName, "datacenter",
                            x -> LabDataCenter.of(x).name()), caseSensitive).test(s);
                    return list("clusters", "Cluster", match && max > 0 ? List.of(LabApiModel.cluster(s))
                            : List.of());
                }
                if (seg.length == 2 && get && seg[1].equals(s.clusterId())) {
                    return Answer.of(200, LabApiModel.cluster(s), "Cluster");
                }
                if (seg.length == 3 && get && seg[1].equals(s.clusterId()) && seg[2].equals("networks")) {
                    return list("networks", "Network", LabApiModel.clusterNetworks(s, true));
                }
                return null;
            }
            case "networks" -> {
                List<LabXml> networks = LabApiModel.clusterNetworks(s, false);
                if (seg.length == 1 && get) {
                    return list("networks", "Network", networks.stream().limit(max).toList());
                }
                if (seg.length == 2 && get) {
                    return networks.stream().filter(n -> seg[1].equals(n.attribute("id"))).findFirst()
                            .map(n -> Answer.of(200, n, "Network")).orElse(null);
                }
                return null;
            }
            case "datacenters" -> {
                return dataCenter(r, s, seg, caseSensitive, max);
            }
            case "storagedomains" -> {
                LabDataCenter dc = LabDataCenter.of(s);
                if (seg.length == 1 && get) {
                    Predicate<LabDataCenter.Domain> match = LabSearch.parse(r.param("search"), Map.of("name",
                            LabDataCenter.Domain::name, "datacenter", d -> dc.name()), caseSensitive);
                    return list("storage_domains", "StorageDomain", dc.domains().stream().filter(match).limit(max)
                            .map(d -> LabApiModel.storageDomain(s, d, false)).toList());
                }
                if (seg.length == 2 && get) {
                    return dc.domains().stream().filter(d -> d.id().equals(seg[1])).findFirst()
                            .map(d -> Answer.of(200, LabApiModel.storageDomain(s, d, false), "StorageDomain"))
                            .orElse(null);
                }
                return null;
            }
            case "users" -> {
                if (seg.length == 1 && get) {
                    return list("users", "User", List.of(LabApiModel.user(s)));
                }
                if (seg.length == 2 && get && seg[1].equals(LabApiModel.adminUserId(s))) {
                    return Answer.of(200, LabApiModel.user(s), "User");
                }
                return null;
            }
            default -> {
                return null;
            }
        }
    }

    /** A linked sub-collection the lab holds nothing in, of an object that exists: empty, not missing. */
    private Answer emptySubCollection(String[] seg) {
        String tag = LabApiModel.emptySubCollection(seg[0], seg[2]);
        if (tag == null) {
            return null;
        }
        LabState s = world.snapshot();
        LabDataCenter dc = LabDataCenter.of(s);
        boolean exists = switch (seg[0]) {
            case "hosts" -> s.hosts().stream().anyMatch(h -> h.id().equals(seg[1]));
            case "vms" -> s.vms().stream().anyMatch(v -> v.id().equals(seg[1]));
            case "clusters" -> s.clusterId().equals(seg[1]);
            case "datacenters" -> dc.id().equals(seg[1]);
            default -> dc.domains().stream().anyMatch(d -> d.id().equals(seg[1]));
        };
        return exists ? Answer.of(200, LabXml.element(tag), "[]") : null;
    }

    private Answer host(Request r, LabState s, String[] seg) {
        String id = seg[1];
        String method = r.method();
        if (seg.length == 2 && method.equals("GET")) {
            return Answer.of(200, LabApiModel.host(s, world.host(id), r.flag("all_content", "All-Content"), false),
                    "Host");
        }
        if (seg.length == 2 && method.equals("DELETE")) {
            // BackendHostResource.remove: the `force` parameter goes to RemoveVds as its force action
            world.remove(id, "true".equalsIgnoreCase(r.param("force")));
            return Answer.empty(200);
        }
        if (seg.length == 3 && seg[2].equals("nics") && method.equals("GET")) {
            return list("host_nics", "HostNic", LabApiModel.nics(world.host(id)));
        }
        if (seg.length == 3 && seg[2].equals("networkattachments") && method.equals("GET")) {
            return list("network_attachments", "NetworkAttachment", LabApiModel.networkAttachments(s,
                    world.host(id)));
        }
        if (seg.length == 3 && seg[2].equals("setupnetworks") && method.equals("POST")) {
            Action action = readAction(r.xmlBody("action"));
            List<Map.Entry<String, String>> attachments = new java.util.ArrayList<>();
            for (var a : action.modifiedNetworkAttachments()) {
                String network = a.networkPresent() ? a.network().name() : null;
                String nic = a.hostNicPresent() ? a.hostNic().name() : null;
                if (network == null) {
                    throw new LabFault(400, "[Request syntactically incorrect: a network attachment names its"
                            + " network by name in the lab]");
                }
                attachments.add(new java.util.AbstractMap.SimpleEntry<>(network, nic));
            }
            world.setupNetworks(id, attachments);
            return Answer.of(200, LabApiModel.action("complete"), "Action");
        }
        if (seg.length == 3 && method.equals("POST") && (seg[2].equals("deactivate") || seg[2].equals("activate"))) {
            Action action = readAction(r.xmlBody("action"));
            if (seg[2].equals("deactivate")) {
                world.deactivate(id, action.reasonPresent() ? action.reason() : null);
            } else {
                world.activate(id);
            }
            return Answer.of(200, LabApiModel.action("complete"), "Action");
        }
        return null;
    }

    private Answer dataCenter(Request r, LabState s, String[] seg, boolean caseSensitive, int max) {
        if (!r.method().equals("GET")) {
            return null;
        }
        LabDataCenter dc = LabDataCenter.of(s);
        if (seg.length == 1) {
            boolean match = LabSearch.parse(r.param("search"), Map.<String, java.util.function.Function<
                    LabDataCenter, String>>of("name", LabDataCenter::name, "status", LabDataCenter::status),
                    caseSensitive).test(dc);
            return list("data_centers", "DataCenter", match && max > 0 ? List.of(LabApiModel.dataCenter(s))
                    : List.of());
        }
        if (!seg[1].equals(dc.id())) {
            return null;
        }
        if (seg.length == 2) {
            return Answer.of(200, LabApiModel.dataCenter(s), "DataCenter");
        }
        if (seg.length == 3 && seg[2].equals("clusters")) {
            return list("clusters", "Cluster", List.of(LabApiModel.cluster(s)));
        }
        if (seg[2].equals("storagedomains")) {
            if (seg.length == 3) {
                return list("storage_domains", "StorageDomain", dc.domains().stream()
                        .map(d -> LabApiModel.storageDomain(s, d, true)).toList());
            }
            if (seg.length == 4) {
                return dc.domains().stream().filter(d -> d.id().equals(seg[3])).findFirst()
                        .map(d -> Answer.of(200, LabApiModel.storageDomain(s, d, true), "StorageDomain"))
                        .orElse(null);
            }
            if (seg.length == 5 && seg[4].equals("disks") && dc.domains().stream()
                    .anyMatch(d -> d.id().equals(seg[3]))) {
                return list("disks", "Disk", List.of()); // the lab's VMs have no disks it models
            }
        }
        return null;
    }

    private static Answer list(String element, String type, List<LabXml> items) {
        return Answer.of(200, LabXml.element(element).addAll(items), type + "[]");
    }

    private static int number(String value, String parameter) {
        try {
            return Math.max(0, Integer.parseInt(value));
        } catch (NumberFormatException e) {
            throw new LabFault(400, "[Invalid value '" + value + "' for parameter '" + parameter + "'.]");
        }
    }

    private static Host readHost(byte[] body) {
        try (XmlReader reader = new XmlReader(new ByteArrayInputStream(body))) {
            return XmlHostReader.readOne(reader);
        } catch (RuntimeException e) {
            throw new LabFault(400, "[Request syntactically incorrect: " + e.getMessage() + "]");
        }
    }

    private static Action readAction(byte[] body) {
        if (body.length == 0) {
            return new ActionBuilder().build();
        }
        try (XmlReader reader = new XmlReader(new ByteArrayInputStream(body))) {
            return XmlActionReader.readOne(reader);
        } catch (RuntimeException e) {
            throw new LabFault(400, "[Request syntactically incorrect: " + e.getMessage() + "]");
        }
    }
}

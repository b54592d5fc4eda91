package org.heshell.lab;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * The lab engine's HTTPS front: the SSO token service, the lab's own control resources, and the REST API v4
 * ({@link LabRestApi}) for the official SDKs and the Ansible collection to work unchanged.
 */
public final class LabApiServer implements AutoCloseable {
    static final String TOKEN_PATH = "/ovirt-engine/sso/oauth/token";
    static final String LOGOUT_PATH = "/ovirt-engine/services/sso-logout";
    /** The lab's own control resource; no real engine has it. */
    static final String FAULTS_PATH = "/ovirt-engine/lab/faults";
    /** Any request here starts the lab's machines (SSH servers) if they are not up yet. */
    static final String MACHINES_PATH = "/ovirt-engine/lab/machines";
    /** The site: machines, DNS, the engine's state (PUT with engine "gone" breaks it). */
    static final String SITE_PATH = "/ovirt-engine/lab/site";
    /** PUT: the lab back to its first picture, keeping nothing. */
    static final String RESET_PATH = "/ovirt-engine/lab/reset";
    /** The process serving the lab: GET its status, PUT {"speed": F} to change the clock, DELETE to stop it. */
    static final String PROCESS_PATH = "/ovirt-engine/lab/process";
    static final String USER = "admin@internal";
    private static final long TOKEN_LIFETIME_MS = 10 * 60 * 60 * 1000L;

    private final LabWorld world;
    private final LabRestApi restApi;
    private final byte[] passwordDigest;
    private final Map<String, Long> tokens = new ConcurrentHashMap<>();
    private final HttpsServer server;
    private final ExecutorService workers;
    private final ObjectMapper json = new ObjectMapper();
    private volatile StartMachines machines = () -> { };
    private volatile Runnable reset = () -> { };
    private volatile ProcessControl process;
    private volatile long lastRequest = System.currentTimeMillis();

    /** The process serving the lab, as its control resource sees it; the lab sets it once it exists. */
    interface ProcessControl {
        Map<String, Object> status();

        /** Stops the lab once the answer to this request is sent. */
        void stop();
    }

    /** What starts the lab's machines; the lab sets it once it exists. */
    interface StartMachines {
        void start() throws IOException;
    }

    static {
        // The JDK server writes headers and body separately; with Nagle's algorithm and delayed ACKs every reply
        // then waits ~40 ms on loopback. Read once, when the first server is created.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    LabApiServer(LabWorld world, String adminPassword, SSLContext tls) throws IOException {
        this.world = world;
        this.restApi = new LabRestApi(world);
        this.passwordDigest = sha256(adminPassword);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        workers = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "lab-api");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        server.createContext("/", this::handle);
        server.start();
    }

    void onStartMachines(StartMachines start) {
        this.machines = start;
    }

    /** What a reset does besides the world's state (the machines' files); the lab sets it once it exists. */
    void onReset(Runnable clear) {
        this.reset = clear;
    }

    void onProcess(ProcessControl control) {
        this.process = control;
    }

    /** Milliseconds since the last request of any client. */
    long idleMillis() {
        return System.currentTimeMillis() - lastRequest;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "https://localhost:" + port() + "/ovirt-engine/api";
    }

    private void handle(HttpExchange ex) throws IOException {
        // Not try-with-resources: the exchange must still be open when a fault is written in a catch block.
        try {
            lastRequest = System.currentTimeMillis();
            String path = ex.getRequestURI().getRawPath();
            boolean control = path.equals(FAULTS_PATH) || path.equals(MACHINES_PATH) || path.equals(SITE_PATH)
                    || path.equals(RESET_PATH) || path.equals(PROCESS_PATH);
            if (!control && !world.site().apiAnswers()) {
                // What Apache in front of a stopped engine answers; the lab's own controls stay reachable.
                send(ex, 503, "text/html", "<html><body><h1>Service Unavailable</h1></body></html>"
                        .getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (path.equals(TOKEN_PATH)) {
                token(ex);
            } else if (path.equals(LOGOUT_PATH)) {
                Map<String, String> form = form(ex);
                if (form.get("token") != null) {
                    tokens.remove(form.get("token"));
                }
                sendJson(ex, 200, Map.of());
            } else if (control) {
                if (!authenticated(ex)) {
                    sendJson(ex, 401, Map.of("error", "authentication required"));
                    return;
                }
                if (path.equals(FAULTS_PATH)) {
                    faults(ex);
                } else if (path.equals(SITE_PATH)) {
                    site(ex);
                } else if (path.equals(RESET_PATH) && ex.getRequestMethod().equals("PUT")) {
                    world.reset(LabScenario.standard());
                    reset.run();
                    sendJson(ex, 200, Map.of("reset", "done"));
                } else if (path.equals(RESET_PATH)) {
                    sendJson(ex, 405, Map.of("error", "PUT resets the lab"));
                } else if (path.equals(PROCESS_PATH)) {
                    process(ex);
                } else {
                    machines.start();
                    sendJson(ex, 200, Map.of("machines", "up"));
                }
            } else if (path.equals(LabApiModel.API) || path.startsWith(LabApiModel.API + "/")) {
                if (!authenticated(ex)) {
                    ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"RESTAPI\"");
                    sendFault(ex, 401, "Unauthorized", "Authentication is required.");
                    return;
                }
                api(ex, path.substring(LabApiModel.API.length()));
            } else {
                sendFault(ex, 404, "Not Found", "No such resource: " + path);
            }
        } catch (LabFault f) {
            sendFault(ex, f.httpStatus(), f.httpStatus() == 404 ? "Not Found" : "Operation Failed", f.getMessage());
        } catch (RuntimeException e) {
            sendFault(ex, 500, "Internal Server Error", String.valueOf(e.getMessage()));
        } finally {
            ex.close();
        }
    }

    /** SSO: a form POST with the password grant, answered in JSON like ovirt-engine's SSO service. */
    private void token(HttpExchange ex) throws IOException {
        Map<String, String> form = form(ex);
        if (!"POST".equals(ex.getRequestMethod()) || !"password".equals(form.get("grant_type"))) {
            sendJson(ex, 400, Map.of("error_code", "unsupported_grant_type",
                    "error", "The authorization grant type is not supported by the authorization server."));
            return;
        }
        if (!"ovirt-app-api".equals(form.get("scope"))) {
            sendJson(ex, 400, Map.of("error_code", "invalid_scope", "error", "The requested scope is invalid."));
            return;
        }
        String user = form.getOrDefault("username", "");
        if (!validCredentials(user, form.getOrDefault("password", ""))) {
            sendJson(ex, 400, Map.of("error_code", "access_denied", "error",
                    "Cannot authenticate user '" + user + "': The username or password is incorrect.."));
            return;
        }
        // SsoService.validateClientAcceptHeader, after the credentials: exactly application/json, or no token
        if (!"application/json".equals(ex.getRequestHeaders().getFirst("Accept"))) {
            sendJson(ex, 400, Map.of("error_code", "invalid_request", "error", "Missing parameter: 'Accept Header'"));
            return;
        }
        byte[] raw = new byte[48];
        new SecureRandom().nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        long expiry = System.currentTimeMillis() + TOKEN_LIFETIME_MS;
        tokens.put(token, expiry);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", token);
        body.put("scope", "ovirt-app-api");
        body.put("exp", Long.toString(expiry));
        body.put("token_type", "bearer");
        sendJson(ex, 200, body);
    }

    /** GET shows the lab's faults; PUT replaces them with the JSON body's. */
    private void faults(HttpExchange ex) throws IOException {
        if (ex.getRequestMethod().equals("PUT")) {
            LabFaults f;
            try {
                f = json.readValue(ex.getRequestBody().readNBytes(64 * 1024), LabFaults.class);
            } catch (IOException e) {
                sendJson(ex, 400, Map.of("error", "a JSON object with dropAfterBytes, slowKbps, diskFull"));
                return;
            }
            world.setFaults(f);
        }
        send(ex, 200, "application/json", json.writeValueAsBytes(world.faults()));
    }

    /** GET: the serving process's status; PUT {"speed": F}: a new clock speed; DELETE: stop serving. */
    private void process(HttpExchange ex) throws IOException {
        ProcessControl control = process;
        if (control == null) {
            sendJson(ex, 404, Map.of("error", "this lab is served inside another program, which stops it"));
            return;
        }
        switch (ex.getRequestMethod()) {
            case "DELETE" -> {
                sendJson(ex, 200, Map.of("stopping", true));
                ex.close();
                control.stop();
                return;
            }
            case "PUT" -> {
                double speed;
                try {
                    speed = json.readTree(ex.getRequestBody().readNBytes(4096)).path("speed").asDouble(-1);
                } catch (IOException e) {
                    speed = -1;
                }
                try {
                    world.setSpeed(speed);
                } catch (IllegalArgumentException e) {
                    sendJson(ex, 400, Map.of("error", e.getMessage()));
                    return;
                }
            }
            default -> {
            }
        }
        sendJson(ex, 200, control.status());
    }

    /** GET shows the site; PUT replaces its DNS, OS versions and appliance, or breaks the engine. */
    private void site(HttpExchange ex) throws IOException {
        if (ex.getRequestMethod().equals("PUT")) {
            LabSite next;
            try {
                next = json.readValue(ex.getRequestBody().readNBytes(4 << 20), LabSite.class);
            } catch (IOException e) {
                sendJson(ex, 400, Map.of("error", "a JSON object with engine, appliance, machines, dns"));
                return;
            }
            world.setSite(next);
        }
        send(ex, 200, "application/json", json.writeValueAsBytes(world.site()));
    }

    private boolean authenticated(HttpExchange ex) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null) {
            return false;
        }
        if (auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Long expiry = tokens.get(auth.substring(7).trim());
            return expiry != null && expiry > System.currentTimeMillis();
        }
        if (auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String pair = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                return colon > 0 && validCredentials(pair.substring(0, colon), pair.substring(colon + 1));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
        return false;
    }

    private boolean validCredentials(String user, String password) {
        // Compare digests in constant time, so response timing tells nothing about the password.
        return USER.equals(user) & MessageDigest.isEqual(passwordDigest, sha256(password));
    }

    private void api(HttpExchange ex, String path) throws IOException {
        Map<String, String> headers = new HashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(1 << 20);
        }
        LabRestApi.Answer a = restApi.answer(new LabRestApi.Request(ex.getRequestMethod(), path, query(ex), headers,
                body, "https://localhost:" + port()));
        a.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        String accept = headers.get("accept");
        if (a.contentType(accept) != null) {
            send(ex, a.status(), a.contentType(accept), a.body(accept));
        } else {
            ex.sendResponseHeaders(a.status(), -1);
        }
    }

    private static void sendFault(HttpExchange ex, int status, String reason, String detail) throws IOException {
        LabRestApi.Answer a = LabRestApi.Answer.of(status, LabApiModel.fault(reason, detail), "Fault");
        String accept = ex.getRequestHeaders().getFirst("Accept");
        send(ex, status, a.contentType(accept), a.body(accept));
    }

    private void sendJson(HttpExchange ex, int status, Map<String, ?> body) throws IOException {
        send(ex, status, "application/json", json.writeValueAsBytes(body));
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static Map<String, String> form(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            return decode(new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8));
        }
    }

    private static Map<String, String> query(HttpExchange ex) {
        return decode(ex.getRequestURI().getRawQuery());
    }

    private static Map<String, String> decode(String encoded) {
        Map<String, String> out = new HashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
    }
}

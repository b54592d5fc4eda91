package org.heshell.engine;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

/** Turns the SDK's errors into one line each: what failed, why, and what to do. */
final class EngineErrors {
    private static final Pattern FAULT_DETAIL = Pattern.compile("Fault detail is \"\\[?(.*?)\\]?\"\\.");
    private static final Pattern HTTP_CODE = Pattern.compile("HTTP response code is \"(\\d+)\"");

    private EngineErrors() {
    }

    static EngineException translate(String doing, EngineTarget target, RuntimeException e) {
        if (e instanceof EngineException ee) {
            return ee;
        }
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLPeerUnverifiedException) {
                return new EngineException(doing + ": the engine's certificate does not name '" + target.host()
                        + "'; connect with the FQDN the certificate was issued for", e);
            }
            if (t instanceof SSLHandshakeException) {
                String trusted = target.caFile() != null ? "the CA in " + target.caFile() : "the system's CAs";
                return new EngineException(doing + ": the engine's certificate at " + target.host()
                        + " is not trusted by " + trusted + "; pass --ca-file with the engine CA (from https://"
                        + target.host() + "/ovirt-engine/services/pki-resource?resource=ca-certificate"
                        + "&format=X509-PEM-CA, fingerprint checked) or, knowing the risk, --insecure", e);
            }
            if (t instanceof ConnectException) {
                return new EngineException(doing + ": cannot connect to " + target.url() + " (" + t.getMessage()
                        + "); is the engine up and the URL right?", e, true);
            }
            if (t instanceof UnknownHostException) {
                return new EngineException(doing + ": the engine host '" + target.host()
                        + "' does not resolve; check the URL and DNS", e);
            }
            if (t instanceof SocketTimeoutException) {
                return new EngineException(doing + ": the engine at " + target.host()
                        + " did not answer in time; check the network, then try again", e, true);
            }
            root = t;
        }
        String message = String.valueOf(root.getMessage());
        // The SSO service answers JSON; an HTML page there comes from the web server in front of a stopped engine.
        if (message.matches("(?s).*(HTTP response code is \"50[234]\"|Service Unavailable|Bad Gateway"
                + "|content type 'text/html').*")) {
            return new EngineException(doing + ": the Manager is not running (its web"
                    + " server answers in its place); check the engine VM with `hosted-engine --vm-status` on a host",
                    e, true);
        }
        if (message.contains("Error during SSO authentication")) {
            return new EngineException(doing + ": login as " + target.user()
                    + " failed: the user name or password is incorrect", e);
        }
        Matcher detail = FAULT_DETAIL.matcher(message);
        if (detail.find()) {
            return new EngineException(doing + ": the Manager refused: " + detail.group(1), e);
        }
        Matcher code = HTTP_CODE.matcher(message);
        if (code.find()) {
            return new EngineException(doing + ": the Manager answered HTTP " + code.group(1)
                    + "; is " + target.url() + " the API URL (https://FQDN/ovirt-engine/api)?", e);
        }
        return new EngineException(doing + ": " + message, e);
    }
}

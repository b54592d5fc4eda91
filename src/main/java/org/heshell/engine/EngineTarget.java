package org.heshell.engine;

import java.net.URI;
import java.nio.file.Path;

/**
 * Where and how to reach a Manager. {@code caFile} is the engine CA in PEM (null: the JVM's trusted CAs);
 * {@code insecure} turns off certificate and host name checks and must be asked for explicitly.
 * {@code label} is what the prompt shows.
 */
public record EngineTarget(String url, String user, Path caFile, boolean insecure, String label, boolean lab) {
    public EngineTarget {
        URI uri = URI.create(url);
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("the engine URL must be https://FQDN/ovirt-engine/api, not '" + url
                    + "'");
        }
    }

    public String host() {
        return URI.create(url).getHost();
    }
}

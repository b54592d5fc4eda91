package org.heshell.model;

import java.time.Instant;

/**
 * One entry of the Manager's audit log: its id, AuditLogType code, severity, time, message and the host it is about,
 * if any: its id and the name it had then ({@code hostName}: the engine's audit_log keeps vds_name, so an event
 * still names a host removed since; null when the engine gave none).
 */
public record EngineEvent(long id, int code, String severity, Instant time, String description, String hostId,
                          String hostName) {
    /** The host's name as the event gives it, else as {@code env} knows the host now; "" for none. */
    public String hostNameIn(Environment env) {
        if (hostName != null && !hostName.isEmpty()) {
            return hostName;
        }
        return hostId == null ? "" : env.host(hostId).map(Host::name).orElse("");
    }
}

package org.heshell.model;

import java.time.Instant;

/** One entry of the Manager's audit log: its id, AuditLogType code, severity, time, message and host, if any. */
public record EngineEvent(long id, int code, String severity, Instant time, String description, String hostId) {
}

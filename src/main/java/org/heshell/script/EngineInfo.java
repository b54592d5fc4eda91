package org.heshell.script;

import org.heshell.model.Host;
import org.heshell.model.Vm;

/** What a script sees as {@code engine}: the Manager's FQDN and version, its VM and the host running it. */
public record EngineInfo(String fqdn, String version, Vm vm, Host host) {
}

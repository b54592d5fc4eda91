package org.heshell.model;

/** A host's hosted-engine (HA agent) state; {@link #NONE} for a host that is not a hosted-engine host. */
public record HostedEngineInfo(boolean configured, boolean active, int score, boolean localMaintenance,
                               boolean globalMaintenance) {
    public static final HostedEngineInfo NONE = new HostedEngineInfo(false, false, 0, false, false);
}

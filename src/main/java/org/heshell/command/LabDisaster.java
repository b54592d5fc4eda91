package org.heshell.command;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The disasters `lab break WHAT` brings about, declared once for its parsing, help and completion: each with the
 * argument it takes (none, or the host) and what it does to the lab, as the real failure would.
 */
public enum LabDisaster {
    ENGINE("engine", null, "the engine VM and its API are gone; the hosts and their VMs run on"),
    HOST("host", "HOST", "a host is lost for good: it answers nothing (SSH, vdsm); the Manager marks it Non"
            + " Responsive and its VMs Unknown; if the engine VM ran there, the HA agents start it on another host"
            + " (outside global maintenance)"),
    STORAGE("storage", null, "the engine VM's storage domain hosted_storage is gone: the engine VM goes down and"
            + " cannot start anywhere; a restore needs new storage");

    private final String id;
    private final String argument;
    private final String description;

    LabDisaster(String id, String argument, String description) {
        this.id = id;
        this.argument = argument;
        this.description = description;
    }

    public String id() {
        return id;
    }

    /** The argument it takes (HOST), or null. */
    public String argument() {
        return argument;
    }

    public String description() {
        return description;
    }

    /** How it is typed: "host HOST". */
    public String usage() {
        return argument == null ? id : id + " " + argument;
    }

    public static Optional<LabDisaster> byId(String id) {
        return Arrays.stream(values()).filter(d -> d.id.equals(id)).findFirst();
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(LabDisaster::id).toList();
    }
}

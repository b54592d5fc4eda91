package org.heshell.lab;

/**
 * The process serving a lab, as `lab status` shows it. {@code running} false: no process serves the lab now (its
 * state is kept in the lab dir, and the next command that needs it starts one).
 */
public record LabProcessStatus(String dir, boolean running, long pid, String apiUrl, String startedAt, double speed,
                               boolean machinesUp, String log) {
    public static LabProcessStatus stopped(java.nio.file.Path dir) {
        return new LabProcessStatus(dir.toAbsolutePath().toString(), false, 0, null, null, 0, false, null);
    }
}

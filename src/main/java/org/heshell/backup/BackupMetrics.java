package org.heshell.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.function.Function;

/**
 * Backup health as Prometheus text-format metrics for node_exporter's textfile collector. The file is replaced
 * atomically (the collector may read it at any moment) and is world-readable: the collector runs as another user,
 * and the metrics hold no secret.
 */
public final class BackupMetrics {
    private BackupMetrics() {
    }

    public static String text(List<BackupHealth> engines) {
        return text(engines, null);
    }

    /**
     * As {@link #text(List)}, each series also labelled with its engine's {@code name} in ~/.heshell/engines
     * ({@code names} parallel to {@code engines}; null: no names), since two engines may share an FQDN (two labs).
     */
    public static String text(List<BackupHealth> engines, List<String> names) {
        StringBuilder out = new StringBuilder();
        gauge(out, engines, names, "heshell_backup_status", "Backup check state: 0 OK, 1 WARNING, 2 CRITICAL.",
                h -> (double) h.state().ordinal());
        gauge(out, engines, names, "heshell_backup_newest_verified_timestamp_seconds",
                "When the newest verified backup was taken (Unix time).", h -> seconds(h.newestVerified()));
        gauge(out, engines, names, "heshell_backup_newest_failover_timestamp_seconds",
                "When the newest verified backup with a failover host was taken (Unix time).",
                h -> seconds(h.newestFailover()));
        gauge(out, engines, names, "heshell_backup_newest_copied_timestamp_seconds",
                "When the newest verified backup with a checked copy elsewhere was taken (Unix time).",
                h -> seconds(h.newestCopied()));
        gauge(out, engines, names, "heshell_backup_last_failure_timestamp_seconds",
                "When the newest backup that cannot be restored from was taken (Unix time).",
                h -> seconds(h.lastFailure()));
        // what the engine's own audit log says, for the engines whose events were asked for
        gauge(out, engines, names, "heshell_engine_events_readable",
                "Whether the Manager's audit log could be read (1) or not (0).",
                h -> h.engineEvents() == null ? null : h.engineEvents().readable() ? 1.0 : 0.0);
        gauge(out, engines, names, "heshell_engine_backup_completed_timestamp_seconds",
                "When the Manager recorded its newest completed engine-backup (event 9025, Unix time).",
                h -> h.engineEvents() == null ? null : seconds(h.engineEvents().newestCompleted()));
        gauge(out, engines, names, "heshell_engine_backup_failed_timestamp_seconds",
                "When the Manager recorded its newest failed engine-backup (event 9026, Unix time).",
                h -> h.engineEvents() == null ? null : seconds(h.engineEvents().newestFailed()));
        gauge(out, engines, names, "heshell_engine_backup_alert",
                "The Manager's standing backup alert: 0 none, else its event code (9022 no full backup, 9023 too old).",
                h -> h.engineEvents() == null || !h.engineEvents().readable() ? null
                        : h.engineEvents().currentAlert() == null ? 0.0 : (double) h.engineEvents().currentAlert().code());
        return out.toString();
    }

    /** Writes {@code text(engines)} to {@code file} through a temporary file beside it. */
    public static void write(Path file, List<BackupHealth> engines) throws IOException {
        write(file, engines, null);
    }

    /** Writes {@code text(engines, names)} to {@code file} through a temporary file beside it. */
    public static void write(Path file, List<BackupHealth> engines, List<String> names) throws IOException {
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text(engines, names), StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void gauge(StringBuilder out, List<BackupHealth> engines, List<String> names, String name,
                              String help, Function<BackupHealth, Double> value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
        for (int i = 0; i < engines.size(); i++) {
            BackupHealth h = engines.get(i);
            Double v = value.apply(h);
            if (v != null) {
                out.append(name).append("{").append(names == null ? "" : "name=\"" + label(names.get(i)) + "\",")
                        .append("engine=\"").append(label(h.engine())).append("\"} ")
                        .append(v % 1 == 0 ? Long.toString(v.longValue()) : v.toString()).append('\n');
            }
        }
    }

    private static Double seconds(org.heshell.model.EngineEvent e) {
        return e == null || e.time() == null ? null : (double) e.time().getEpochSecond();
    }

    private static Double seconds(CatalogEntry e) {
        return e == null ? null : (double) e.createdAt().getEpochSecond();
    }

    /** A label value escaped as the text format requires. */
    private static String label(String s) {
        return String.valueOf(s).replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}

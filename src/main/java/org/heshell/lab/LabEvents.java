package org.heshell.lab;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The lab engine's audit log: kept in the lab dir ({@code events.json}) so it survives the lab's restarts, as the
 * engine's audit_log table does, and bounded to the newest {@link #KEPT} entries as the engine's cleanup keeps it.
 */
final class LabEvents {
    static final int KEPT = 5000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;
    private final Deque<LabEvent> events = new ArrayDeque<>();
    private long lastId;

    /** {@code file} null: kept in memory only (tests). */
    LabEvents(Path file) {
        this.file = file;
        if (file != null && Files.isRegularFile(file)) {
            try {
                List<LabEvent> stored = JSON.readValue(file.toFile(), new TypeReference<List<LabEvent>>() { });
                stored.forEach(events::addLast);
            } catch (IOException e) {
                System.err.println("heshell lab: the audit log " + file + " is unreadable and starts again: "
                        + e.getMessage());
            }
        }
        lastId = events.isEmpty() ? 0 : events.getLast().id();
    }

    synchronized LabEvent add(int code, String severity, String description, LabHost host, LabVm vm, String user) {
        LabEvent e = new LabEvent(++lastId, code, severity, description, Instant.now().toString(),
                host == null ? null : host.id(), host == null ? null : host.name(), vm == null ? null : vm.id(),
                vm == null ? null : vm.name(), user);
        events.addLast(e);
        while (events.size() > KEPT) {
            events.removeFirst();
        }
        save();
        return e;
    }

    /** Newest first, as GET /events answers. */
    synchronized List<LabEvent> newestFirst() {
        List<LabEvent> out = new ArrayList<>(events);
        java.util.Collections.reverse(out);
        return out;
    }

    /**
     * When engine-backup last finished a backup of {@code scope} (files, db), as the engine's engine_backup_log
     * has it; the lab reads it from the audit log's ENGINE_BACKUP_COMPLETED entries.
     */
    synchronized java.util.Optional<Instant> lastBackup(String scope) {
        String marker = ", scope=" + scope + ",";
        java.util.Iterator<LabEvent> newest = events.descendingIterator();
        while (newest.hasNext()) {
            LabEvent e = newest.next();
            if (e.code() == LabEvent.ENGINE_BACKUP_COMPLETED && e.description().contains(marker)) {
                return java.util.Optional.of(Instant.parse(e.time()));
            }
        }
        return java.util.Optional.empty();
    }

    synchronized void clear() {
        events.clear(); // ids keep growing: a client's `from` stays meaningful across a reset
        save();
    }

    private void save() {
        if (file == null) {
            return;
        }
        try {
            LabFiles.replacePrivate(file, JSON.writeValueAsBytes(new ArrayList<>(events)));
        } catch (IOException e) {
            System.err.println("heshell lab: cannot write the audit log " + file + ": " + e.getMessage());
        }
    }
}

package org.heshell.lab;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;

/** The lab's state file: JSON, replaced atomically after every change. */
final class LabStore {
    private final ObjectMapper json = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final Path file;

    LabStore(Path file) {
        this.file = file;
    }

    LabState load() throws IOException {
        try {
            return json.readValue(file.toFile(), LabState.class);
        } catch (IOException e) {
            throw new IOException("the lab state " + file + " cannot be read (" + e.getClass().getSimpleName()
                    + "); move it away to start a fresh lab", e);
        }
    }

    void save(LabState state) {
        try {
            LabFiles.replacePrivate(file, json.writeValueAsBytes(state));
        } catch (IOException e) {
            // The world goes on in memory; the next change tries again.
            System.err.println("heshell lab: cannot save " + file + ": " + e.getMessage());
        }
    }
}

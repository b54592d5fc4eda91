package org.heshell.tutorial;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The learner's progress, kept with the lab ({@code <lab>/progress.json}): which lesson is under way and, per
 * lesson, its version, the steps done, the hints shown, when it and its current step started, and when it ended.
 * Written through a temporary file so a crash never leaves half a record; a damaged file starts afresh.
 */
final class TutorialProgress {
    /** Made when a progress file is first read or written: most runs have none, and Jackson is slow to start. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).enable(SerializationFeature.INDENT_OUTPUT);
    }

    /** The lesson under way (and the file it came from, when not from lessons/), and each lesson's progress. */
    record Lessons(String active, String file, Map<String, LessonProgress> lessons) {
        Lessons {
            lessons = lessons == null ? new LinkedHashMap<>() : new LinkedHashMap<>(lessons);
        }
    }

    /** One lesson's progress. */
    record LessonProgress(int version, List<String> done, Map<String, Integer> hints, Instant started,
                          Instant stepStarted, Instant finished, String answer, List<String> noticed) {
        LessonProgress {
            done = done == null ? List.of() : List.copyOf(done);
            hints = hints == null ? Map.of() : Map.copyOf(hints);
            noticed = noticed == null ? List.of() : List.copyOf(noticed);
        }

        static LessonProgress start(int version, Instant now) {
            return new LessonProgress(version, List.of(), Map.of(), now, now, null, null, List.of());
        }

        LessonProgress stepDone(String step, Instant now) {
            List<String> d = new ArrayList<>(done);
            d.add(step);
            return new LessonProgress(version, d, hints, started, now, finished, null, List.of());
        }

        LessonProgress hinted(String step) {
            Map<String, Integer> h = new LinkedHashMap<>(hints);
            h.merge(step, 1, Integer::sum);
            return new LessonProgress(version, done, h, started, stepStarted, finished, answer, noticed);
        }

        LessonProgress answered(String text) {
            return new LessonProgress(version, done, hints, started, stepStarted, finished, text, noticed);
        }

        LessonProgress noticed(String mistake) {
            List<String> n = new ArrayList<>(noticed);
            n.add(mistake);
            return new LessonProgress(version, done, hints, started, stepStarted, finished, answer, n);
        }

        LessonProgress finished(Instant now) {
            return new LessonProgress(version, done, hints, started, stepStarted, now, null, noticed);
        }
    }

    private final Path file;

    TutorialProgress(Path file) {
        this.file = file;
    }

    Lessons read() {
        if (!Files.isRegularFile(file)) {
            return new Lessons(null, null, null);
        }
        try {
            Lessons l = Json.MAPPER.readValue(file.toFile(), Lessons.class);
            return l == null ? new Lessons(null, null, null) : l;
        } catch (IOException e) {
            return new Lessons(null, null, null); // damaged: the lessons start afresh, the lab is untouched
        }
    }

    void write(Lessons progress) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".progress", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Json.MAPPER.writeValue(tmp.toFile(), progress);
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new org.heshell.command.CommandException("cannot keep the tutorial's progress in " + file + ": "
                    + e.getMessage());
        }
    }
}

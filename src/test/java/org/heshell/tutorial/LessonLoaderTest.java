package org.heshell.tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.heshell.command.CommandException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lesson files as a trainer writes them: the project's own load, and mistakes in one are one clear line. */
class LessonLoaderTest {
    @TempDir
    Path dir;

    @Test
    void theProjectsLessonsLoadInOrderWithEveryStepComplete() {
        List<Lesson> lessons = LessonLoader.all(Path.of("lessons"));
        assertEquals(List.of("environment", "backup-with-failover", "restore", "loaded-host", "old-record",
                "missing-ptr", "os-differs", "newer-backup", "missing-network", "manager-running"),
                lessons.stream().map(Lesson::id).toList());
        assertEquals(lessons.stream().map(Lesson::id).toList(), LessonLoader.fileIds(Path.of("lessons")),
                "each file is named NN-ID.groovy, so TAB completes ids without compiling the lessons");
        for (Lesson l : lessons) {
            assertEquals(3, l.learned().size(), l.id() + " ends with three lines of what was learned");
            for (LessonStep s : l.steps()) {
                assertTrue(!s.why().isBlank() && s.hints().size() >= 2, l.id() + "/" + s.id());
            }
        }
    }

    @Test
    void aTrainersMistakesAreOneLineNamingTheFile() throws Exception {
        Path syntax = Files.writeString(dir.resolve("broken.groovy"), "lesson('x') {\n  title 'X'\n  step('a' {\n}\n");
        CommandException e = assertThrows(CommandException.class, () -> LessonLoader.file(syntax));
        assertTrue(e.getMessage().matches("broken\\.groovy:\\d+: unexpected input: a bracket, brace or quote is not"
                + " closed \\(fix the lesson file\\)"), e.getMessage());
        assertTrue(e.getMessage().endsWith("(fix the lesson file)"), e.getMessage());

        Path unknown = Files.writeString(dir.resolve("unknown.groovy"),
                "lesson('x') { title 'X'; step('a') { txet 'typo' } }\n");
        assertEquals("unknown.groovy: no such lesson statement 'txet' (a lesson has title, setup, step and learned;"
                + " a step has text, why, check, hint, solution and mistake)",
                assertThrows(CommandException.class, () -> LessonLoader.file(unknown)).getMessage());

        Path incomplete = Files.writeString(dir.resolve("incomplete.groovy"),
                "lesson('x') { title 'X'; step('a') { text 'Do it' } }\n");
        assertEquals("incomplete.groovy: step 'a' of lesson 'x' needs a text, a check and a solution",
                assertThrows(CommandException.class, () -> LessonLoader.file(incomplete)).getMessage());
        assertEquals("no lesson file " + dir.resolve("none.groovy"), assertThrows(CommandException.class,
                () -> LessonLoader.file(dir.resolve("none.groovy"))).getMessage());
    }
}

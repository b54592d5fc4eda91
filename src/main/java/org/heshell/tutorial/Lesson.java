package org.heshell.tutorial;

import java.util.List;

/**
 * One lesson, as a trainer declared it in a file under lessons/: the lab commands that set it up, its steps in
 * order, and what the learner takes away (three lines, shown at the end). {@code version} changes when the steps
 * change, so that progress recorded against an older version starts the lesson afresh.
 */
public record Lesson(String id, int version, String title, List<String> setup, List<LessonStep> steps,
                     List<String> learned, String source) {
    public Lesson {
        setup = List.copyOf(setup);
        steps = List.copyOf(steps);
        learned = List.copyOf(learned);
    }
}

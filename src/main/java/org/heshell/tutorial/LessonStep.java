package org.heshell.tutorial;

import java.util.List;

/**
 * A step: what to do and why (the rule and where the procedure explains it), the check that says from the lab's
 * real state that it is done, the hints in tiers (direction first, then the command), the solution, and the
 * mistakes to notice (each a condition and what to tell the learner).
 */
public record LessonStep(String id, String text, String why, Check check, List<String> hints, String solution,
                         List<Mistake> mistakes) {
    public LessonStep {
        hints = List.copyOf(hints);
        mistakes = List.copyOf(mistakes);
    }

    /** A condition over the lab's state. */
    @FunctionalInterface
    public interface Check {
        boolean holds(LessonView view);
    }

    /** Something that makes things worse, noticed when it becomes true, and what to say about it. */
    public record Mistake(String id, Check when, String explanation) {
    }
}

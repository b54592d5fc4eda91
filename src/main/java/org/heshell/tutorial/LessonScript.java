package org.heshell.tutorial;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import groovy.lang.Script;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.codehaus.groovy.runtime.typehandling.DefaultTypeTransformation;

/**
 * The base of a lesson file: {@code lesson('id', version: 1) { ... }} declares a lesson. The file only declares;
 * nothing in it runs against the lab until the learner starts the lesson, and its checks only read.
 */
public abstract class LessonScript extends Script {
    private final List<Lesson> lessons = new ArrayList<>();

    List<Lesson> lessons() {
        return lessons;
    }

    public void lesson(Map<String, Object> options, String id,
                       @DelegatesTo(value = LessonBuilder.class, strategy = Closure.DELEGATE_ONLY) Closure<?> body) {
        LessonBuilder b = new LessonBuilder(id);
        Object version = options.get("version");
        b.version = version == null ? 1 : ((Number) version).intValue();
        run(body, b);
        lessons.add(b.build(getClass().getSimpleName()));
    }

    public void lesson(String id,
                       @DelegatesTo(value = LessonBuilder.class, strategy = Closure.DELEGATE_ONLY) Closure<?> body) {
        lesson(Map.of(), id, body);
    }

    private static void run(Closure<?> body, Object delegate) {
        Closure<?> c = body.rehydrate(delegate, body.getOwner(), body.getThisObject());
        c.setResolveStrategy(Closure.DELEGATE_ONLY);
        c.call();
    }

    /** A check closure judged against a view; a check that throws (a host gone, say) does not hold. */
    static LessonStep.Check check(Closure<?> closure) {
        return view -> {
            Closure<?> c = closure.rehydrate(view, closure.getOwner(), closure.getThisObject());
            c.setResolveStrategy(Closure.DELEGATE_FIRST);
            try {
                return DefaultTypeTransformation.castToBoolean(c.call());
            } catch (RuntimeException e) {
                return false;
            }
        };
    }

    /** The body of {@code lesson}. */
    public static final class LessonBuilder {
        private final String id;
        private int version = 1;
        private String title;
        private final List<String> setup = new ArrayList<>();
        private final List<LessonStep> steps = new ArrayList<>();
        private final List<String> learned = new ArrayList<>();

        LessonBuilder(String id) {
            this.id = id;
        }

        public void title(String text) {
            title = text;
        }

        /** Shell command lines that bring the lab to the lesson's start; run on start and on `tutorial reset`. */
        public void setup(String... lines) {
            setup.addAll(List.of(lines));
        }

        public void step(String stepId,
                         @DelegatesTo(value = StepBuilder.class, strategy = Closure.DELEGATE_ONLY) Closure<?> body) {
            StepBuilder s = new StepBuilder(stepId);
            run(body, s);
            steps.add(s.build(id));
        }

        /** What the learner takes away, shown at the end: three short lines. */
        public void learned(String... lines) {
            learned.addAll(List.of(lines));
        }

        Lesson build(String source) {
            if (title == null || steps.isEmpty()) {
                throw new IllegalArgumentException("lesson '" + id + "' needs a title and at least one step");
            }
            return new Lesson(id, version, title, setup, steps, learned, source);
        }
    }

    /** The body of {@code step}. */
    public static final class StepBuilder {
        private final String id;
        private String text;
        private String why = "";
        private LessonStep.Check check;
        private final List<String> hints = new ArrayList<>();
        private String solution;
        private final List<LessonStep.Mistake> mistakes = new ArrayList<>();

        StepBuilder(String id) {
            this.id = id;
        }

        public void text(String s) {
            text = s;
        }

        /** The rule behind the step and where docs/procedure.md explains it. */
        public void why(String s) {
            why = s;
        }

        public void check(Closure<?> c) {
            check = LessonScript.check(c);
        }

        public void hint(String s) {
            hints.add(s);
        }

        public void solution(String s) {
            solution = s;
        }

        /** Something that makes things worse: noticed when {@code when} becomes true, and explained. */
        public void mistake(String mistakeId, String explanation, Closure<?> when) {
            mistakes.add(new LessonStep.Mistake(mistakeId, LessonScript.check(when), explanation));
        }

        LessonStep build(String lesson) {
            if (text == null || check == null || solution == null) {
                throw new IllegalArgumentException("step '" + id + "' of lesson '" + lesson
                        + "' needs a text, a check and a solution");
            }
            return new LessonStep(id, text.stripIndent().strip(), why, check, hints, solution, mistakes);
        }
    }
}

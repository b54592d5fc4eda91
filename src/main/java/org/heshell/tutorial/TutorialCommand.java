package org.heshell.tutorial;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import org.heshell.command.Result;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "tutorial", header = "Learn the backup and restore procedure on the lab, lesson by lesson.",
        description = {
    "Learn the self-hosted engine backup and restore procedure on the lab, one lesson at a time. Inside a lesson "
        + "you type ordinary heshell commands; each step is done when the lab's real state says so, and the tutor "
        + "then shows the next one. Progress is kept with the lab: leave and come back with `tutorial N`.",
    "Lessons are files under lessons/ (see the README for the format); --file runs one of your own."},
        subcommands = {TutorialCommand.Hint.class, TutorialCommand.Show.class, TutorialCommand.Skip.class,
            TutorialCommand.Reset.class, TutorialCommand.Answer.class},
        footer = {"%nExamples:", "  tutorial", "  tutorial 1", "  tutorial hint", "  tutorial --file my-lesson.groovy"})
public final class TutorialCommand implements Callable<Result> {
    private final Tutor tutor;

    @Parameters(arity = "0..1", paramLabel = "LESSON", completionCandidates = LessonNames.class,
            description = "A lesson's number or name: starts it, or resumes it where you left it.")
    String lesson;

    @Option(names = "--file", paramLabel = "FILE", description = "Run the lesson in this file.")
    Path file;

    public TutorialCommand(Tutor tutor) {
        this.tutor = tutor;
    }

    @Override
    public Result call() {
        return new Result.Text(lesson == null && file == null ? tutor.list() : tutor.start(lesson, file));
    }

    /** Completion candidates: the lessons' numbers and names. */
    public static final class LessonNames implements Iterable<String> {
        private final Tutor tutor;

        public LessonNames(Tutor tutor) {
            this.tutor = tutor;
        }

        @Override
        public Iterator<String> iterator() {
            return tutor.names().iterator();
        }
    }

    @Command(name = "hint", header = "A hint for the current step.",
            description = "A hint for the current step: the direction first, then the command.")
    public static final class Hint implements Callable<Result> {
        private final Tutor tutor;

        public Hint(Tutor tutor) {
            this.tutor = tutor;
        }

        @Override
        public Result call() {
            return new Result.Text(tutor.hint());
        }
    }

    @Command(name = "show", header = "The solution of the current step.",
            description = "The solution of the current step.")
    public static final class Show implements Callable<Result> {
        private final Tutor tutor;

        public Show(Tutor tutor) {
            this.tutor = tutor;
        }

        @Override
        public Result call() {
            return new Result.Text(tutor.show());
        }
    }

    @Command(name = "skip", header = "Skip the current step: the tutor runs its solution.",
            description = "Skip the current step: the tutor runs its solution for you.")
    public static final class Skip implements Callable<Result> {
        private final Tutor tutor;

        public Skip(Tutor tutor) {
            this.tutor = tutor;
        }

        @Override
        public Result call() {
            return new Result.Text(tutor.skip());
        }
    }

    @Command(name = "reset", header = "Start the current lesson again.",
            description = "Start the current lesson again: its lab back to the lesson's start.")
    public static final class Reset implements Callable<Result> {
        private final Tutor tutor;

        public Reset(Tutor tutor) {
            this.tutor = tutor;
        }

        @Override
        public Result call() {
            return new Result.Text(tutor.reset());
        }
    }

    @Command(name = "answer", header = "Answer the current step's question.",
            description = "Answer the current step's question (e.g. tutorial answer Host 2).")
    public static final class Answer implements Callable<Result> {
        private final Tutor tutor;

        @Parameters(arity = "1..*", paramLabel = "TEXT", description = "Your answer.")
        List<String> words;

        public Answer(Tutor tutor) {
            this.tutor = tutor;
        }

        @Override
        public Result call() {
            return new Result.Text(tutor.answer(String.join(" ", words)));
        }
    }
}

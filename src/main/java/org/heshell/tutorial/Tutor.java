package org.heshell.tutorial;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.heshell.backup.Catalog;
import org.heshell.command.CommandException;
import org.heshell.command.CommandLines;
import org.heshell.command.Commands;
import org.heshell.command.RestoreCommand;
import org.heshell.command.Result;
import org.heshell.model.Environment;
import org.heshell.restore.RestoreJournal;
import org.heshell.restore.RestorePlan;
import org.heshell.tutorial.TutorialProgress.LessonProgress;
import org.heshell.tutorial.TutorialProgress.Lessons;

/**
 * Runs the lessons: starts and resumes them, and after every command the learner types, judges the current step
 * by the lab's real state. A step that now holds is done and the next one is shown; a mistake that has just
 * become true is explained once. Progress is kept with the lab, so a learner can leave and come back.
 */
public final class Tutor {
    private final Commands commands;
    private final Catalog catalog;
    private final Path lessonsDir;
    private final TutorialProgress store;
    private List<Lesson> lessons;
    private RestorePlan lastPlan;

    /** {@code labDir}: where progress is kept; null on a real Manager, where there are no lessons. */
    public Tutor(Commands commands, Catalog catalog, Path lessonsDir, Path labDir) {
        this.commands = commands;
        this.catalog = catalog;
        this.lessonsDir = lessonsDir;
        this.store = labDir == null ? null : new TutorialProgress(labDir.resolve("progress.json"));
    }

    /** Adds `tutorial` to the shell's commands, with the tutor following every command the learner runs. */
    public static Tutor install(Commands commands, Path lessonsDir, Path labDir) {
        Tutor tutor = new Tutor(commands, commands.provided(Catalog.class), lessonsDir, labDir);
        commands.provide(Tutor.class, tutor);
        commands.add(TutorialCommand.class);
        commands.observe(tutor::afterCommand);
        return tutor;
    }

    private TutorialProgress store() {
        if (store == null) {
            throw new CommandException("lessons run on the lab: start ./shell without --engine to learn there", 2,
                    null);
        }
        return store;
    }

    List<Lesson> lessons() {
        if (lessons == null) {
            lessons = LessonLoader.all(lessonsDir);
        }
        return lessons;
    }

    /** Every lesson with the learner's progress. */
    public String list() {
        Lessons p = store().read();
        if (lessons().isEmpty()) {
            return "no lessons in " + lessonsDir;
        }
        StringBuilder out = new StringBuilder("Lessons (tutorial N starts or resumes one):\n");
        int idWidth = lessons().stream().mapToInt(l -> l.id().length()).max().orElse(0);
        int titleWidth = lessons().stream().mapToInt(l -> l.title().length()).max().orElse(0);
        int numberWidth = Integer.toString(lessons().size()).length();
        for (int i = 0; i < lessons().size(); i++) {
            Lesson l = lessons().get(i);
            LessonProgress lp = current(p, l);
            String state = lp == null ? "not started" : lp.finished() != null ? "done in "
                    + human(Duration.between(lp.started(), lp.finished())) : (l.id().equals(p.active())
                    ? "under way" : "paused") + ", " + lp.done().size() + " of " + l.steps().size() + " steps";
            out.append(String.format("  %" + numberWidth + "d  %-" + idWidth + "s  %-" + titleWidth + "s  %s%n", i + 1, l.id(), l.title(),
                    state));
        }
        return out.toString().stripTrailing();
    }

    /** Starts (or resumes) a lesson by number, id, or from a file. */
    public String start(String which, Path file) {
        Lessons p = store().read();
        Lesson l = file != null ? LessonLoader.file(file).get(0) : find(which);
        LessonProgress lp = current(p, l);
        StringBuilder out = new StringBuilder();
        if (lp != null && lp.finished() == null) {
            out.append("Resuming lesson ").append(l.id()).append(": ").append(l.title()).append('\n');
            save(p, l, file, lp);
        } else {
            out.append("Lesson ").append(l.id()).append(": ").append(l.title()).append('\n');
            out.append(setUp(l));
            lp = LessonProgress.start(l.version(), Instant.now());
            save(p, l, file, lp);
        }
        out.append(stepText(l, lp));
        return out.toString();
    }

    /** The next tier of hints for the current step. */
    public String hint() {
        Active a = active();
        LessonStep s = a.step();
        int shown = a.progress().hints().getOrDefault(s.id(), 0);
        if (s.hints().isEmpty() || shown >= s.hints().size()) {
            return "no more hints for this step; `tutorial show` gives the solution";
        }
        save(store().read(), a.lesson(), a.file(), a.progress().hinted(s.id()));
        return "Hint " + (shown + 1) + " of " + s.hints().size() + ": " + withIds(s.hints().get(shown))
                + (shown + 1 < s.hints().size() ? " (`tutorial hint` again for more)" : "");
    }

    public String show() {
        return "Solution: " + solution(active().step());
    }

    /**
     * The step's solution with {backup} as the newest backup's id and {restore} as the newest restore's: lessons
     * cannot know ids in advance.
     */
    private String solution(LessonStep s) {
        return withIds(s.solution());
    }

    /** A lesson's text with {backup} and {restore} as the ids the learner has in front of them now. */
    private String withIds(String text) {
        if (!text.contains("{backup}") && !text.contains("{restore}")) {
            return text;
        }
        List<org.heshell.backup.CatalogEntry> all = catalog.list();
        String restore = RestoreJournal.ids(RestoreCommand.journals(catalog)).stream().findFirst().orElse("RESTORE");
        return text.replace("{backup}", all.isEmpty() ? "BACKUP" : all.get(0).id()).replace("{restore}", restore);
    }

    /** Does the step for the learner (runs its solution), so the lessons after it find the lab as they expect. */
    public String skip() {
        Active a = active();
        String solution = solution(a.step());
        List<String> said = new ArrayList<>();
        CommandException failed = null;
        try {
            said.addAll(run(solution));
        } catch (CommandException e) {
            failed = e; // a step may be about a failure: its solution then fails, and the lab shows it did
        }
        said.addAll(afterCommand(null));
        boolean done = said.stream().anyMatch(l -> l.equals("✓ " + a.step().id() + " done"));
        if (failed != null && !done) {
            throw failed;
        }
        String notDone = "";
        if (!done) {
            // A solution the lab refused (a blocked plan) or that left the step undone must not read as a skip.
            notDone = "but " + a.step().id() + " is still not done: the lab does not show what the step asks for"
                    + (lastPlan != null && lastPlan.blocked() ? " (the plan was refused: "
                    + String.join(", ", lastPlan.blockers().stream().map(f -> "[" + f.rule() + "] " + f.summary())
                    .toList()) + ")" : "") + "; `tutorial hint` points the way\n";
        }
        return (done ? "Skipped " : "Tried to skip ") + a.step().id() + " (ran: " + solution + ")\n"
                + (failed == null ? ""
                : "It failed, as this step means it to: " + failed.getCause().getMessage() + "\n")
                + notDone + String.join("\n", said);
    }

    /** The lesson's lab back to its start, its progress cleared. */
    public String reset() {
        Active a = active();
        Lessons p = store().read();
        String setup = setUp(a.lesson());
        LessonProgress fresh = LessonProgress.start(a.lesson().version(), Instant.now());
        save(p, a.lesson(), a.file(), fresh);
        return "Lesson " + a.lesson().id() + " starts again.\n" + setup + stepText(a.lesson(), fresh);
    }

    public String answer(String text) {
        Active a = active();
        save(store().read(), a.lesson(), a.file(), a.progress().answered(text.strip()));
        List<String> said = afterCommand(null);
        return said.isEmpty() ? "Not quite: look again (`tutorial hint` helps)" : String.join("\n", said);
    }

    /**
     * After a command: what the tutor says, if anything (steps done, the next step, a mistake noticed). Nothing
     * when no lesson is under way.
     */
    public List<String> afterCommand(Result result) {
        if (store == null) {
            return List.of();
        }
        remember(result);
        Lessons p = store.read();
        if (p.active() == null) {
            return List.of();
        }
        Optional<Active> found = activeOrEmpty(p);
        if (found.isEmpty()) {
            return List.of();
        }
        Lesson l = found.get().lesson();
        LessonProgress lp = found.get().progress();
        List<String> said = new ArrayList<>();
        LessonView view = view(lp);
        LessonStep step = l.steps().get(lp.done().size());
        for (LessonStep.Mistake m : step.mistakes()) {
            if (!lp.noticed().contains(m.id()) && m.when().holds(view)) {
                said.add("! " + m.explanation());
                lp = lp.noticed(m.id());
            }
        }
        while (lp.done().size() < l.steps().size()) {
            step = l.steps().get(lp.done().size());
            if (!step.check().holds(view)) {
                break;
            }
            lp = lp.stepDone(step.id(), Instant.now());
            lastPlan = null;
            said.add("✓ " + step.id() + " done");
            if (lp.done().size() < l.steps().size()) {
                view = view(lp);
                said.add(stepText(l, lp));
            }
        }
        if (lp.done().size() == l.steps().size()) {
            lp = lp.finished(Instant.now());
            said.add(finish(l, lp));
        }
        save(p, l, found.get().file(), lp);
        if (lp.finished() != null) {
            store.write(new Lessons(null, null, store.read().lessons())); // no lesson under way any more
        }
        return said;
    }

    private String finish(Lesson l, LessonProgress lp) {
        StringBuilder out = new StringBuilder("Lesson " + l.id() + " done in "
                + human(Duration.between(lp.started(), lp.finished())) + ". What you learned:");
        l.learned().forEach(line -> out.append("\n  - ").append(line));
        int i = lessons().indexOf(l);
        if (i >= 0 && i + 1 < lessons().size()) {
            out.append("\nNext: tutorial ").append(i + 2).append(" (").append(lessons().get(i + 1).title())
                    .append(')');
        }
        return out.toString();
    }

    private String stepText(Lesson l, LessonProgress lp) {
        LessonStep s = l.steps().get(lp.done().size());
        StringBuilder out = new StringBuilder("\nStep " + (lp.done().size() + 1) + " of " + l.steps().size() + " · "
                + s.id() + "\n");
        withIds(s.text()).lines().forEach(line -> out.append("  ").append(line).append('\n'));
        if (!s.why().isBlank()) {
            out.append(wrap("  Why:", withIds(s.why()), "       ")).append('\n');
        }
        out.append("  (tutorial hint · tutorial show · tutorial skip · tutorial reset)");
        return out.toString();
    }

    /** Runs the lesson's set-up lines; a failing one stops the start with what failed. */
    private String setUp(Lesson l) {
        StringBuilder out = new StringBuilder();
        for (String line : l.setup()) {
            run(line);
            out.append("  setting up: ").append(line).append(" ✓\n");
        }
        return out.toString();
    }

    /** Runs a command line for the learner; what the tutor itself said while it ran (a `tutorial answer`). */
    private List<String> run(String line) {
        List<String> said = new ArrayList<>();
        for (List<String> argv : CommandLines.split(line)) {
            try {
                Result r = commands.execute(argv);
                remember(r);
                if (argv.get(0).equals("tutorial") && r instanceof Result.Text t) {
                    said.add(t.text());
                }
            } catch (CommandException e) {
                throw new CommandException("the lesson's `" + String.join(" ", argv) + "` failed: "
                        + e.getMessage() + " (`tutorial reset` starts the lesson again)", e.exitCode(), e);
            }
        }
        return said;
    }

    /** A restore plan heshell just made: what a lesson's check about planning looks at. */
    private void remember(Result result) {
        RestorePlan plan = LessonView.planOf(result);
        if (plan != null) {
            lastPlan = plan;
        }
    }

    private LessonView view(LessonProgress lp) {
        Environment env;
        try {
            env = commands.context().refresh();
        } catch (RuntimeException e) {
            env = null; // the Manager is down: a lesson about the disaster sees exactly that
        }
        return new LessonView(env, catalog.list(), lp.started(), lp.stepStarted(), lp.answer(), lastPlan, labSite(),
                newestRestore());
    }

    /** The lab's site; null when this shell has no lab or it does not answer (a check on it then does not hold). */
    private org.heshell.command.LabSiteSettings labSite() {
        try {
            return commands.context().connector() == null ? null : commands.context().connector().labSite(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The newest restore's journal, or null: a damaged or missing one is simply not there for the checks. */
    private RestoreJournal.Content newestRestore() {
        Path root = RestoreCommand.journals(catalog);
        try {
            return RestoreJournal.ids(root).stream().findFirst().map(id -> RestoreJournal.open(root, id).content())
                    .orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private record Active(Lesson lesson, String file, LessonProgress progress) {
        LessonStep step() {
            return lesson.steps().get(progress.done().size());
        }
    }

    private Active active() {
        Lessons p = store().read();
        return activeOrEmpty(p).orElseThrow(() -> new CommandException("no lesson under way: `tutorial` lists them,"
                + " `tutorial 1` starts the first", 2, null));
    }

    private Optional<Active> activeOrEmpty(Lessons p) {
        if (p.active() == null) {
            return Optional.empty();
        }
        List<Lesson> pool = p.file() != null ? LessonLoader.file(Path.of(p.file())) : lessons();
        return pool.stream().filter(l -> l.id().equals(p.active())).findFirst().flatMap(l -> {
            LessonProgress lp = current(p, l);
            return lp == null || lp.finished() != null || lp.done().size() >= l.steps().size() ? Optional.empty()
                    : Optional.of(new Active(l, p.file(), lp));
        });
    }

    /** The lesson's progress, unless it was made against another version of the lesson. */
    private static LessonProgress current(Lessons p, Lesson l) {
        LessonProgress lp = p.lessons().get(l.id());
        return lp != null && lp.version() == l.version() ? lp : null;
    }

    private void save(Lessons p, Lesson l, Path file, LessonProgress lp) {
        save(p, l, file == null ? null : file.toAbsolutePath().toString(), lp);
    }

    private void save(Lessons p, Lesson l, String file, LessonProgress lp) {
        Map<String, LessonProgress> all = new LinkedHashMap<>(p.lessons());
        all.put(l.id(), lp);
        store().write(new Lessons(l.id(), file, all));
    }

    private Lesson find(String which) {
        if (which == null) {
            throw new CommandException("which lesson? `tutorial` lists them", 2, null);
        }
        if (which.matches("\\d+")) {
            int n = Integer.parseInt(which);
            if (n >= 1 && n <= lessons().size()) {
                return lessons().get(n - 1);
            }
        }
        return lessons().stream().filter(l -> l.id().equals(which)).findFirst().orElseThrow(() ->
                new CommandException("no lesson '" + which + "': there are 1–" + lessons().size() + " ("
                        + String.join(", ", lessons().stream().map(Lesson::id).toList()) + ")", 2, null));
    }

    /**
     * Lesson numbers and ids, for completion. Before the lessons are loaded they come from the file names
     * (NN-ID.groovy), so that a TAB never waits for Groovy to compile them.
     */
    public List<String> names() {
        List<String> ids = lessons != null ? lessons.stream().map(Lesson::id).toList()
                : LessonLoader.fileIds(lessonsDir);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            names.add(Integer.toString(i + 1));
            names.add(ids.get(i));
        }
        return names;
    }

    /** Words wrapped at 100 columns, continuation lines indented: a why is often longer than a line. */
    private static String wrap(String first, String text, String indent) {
        StringBuilder out = new StringBuilder(first);
        int column = first.length();
        for (String word : text.split(" +")) {
            if (column + 1 + word.length() > 100) {
                out.append('\n').append(indent).append(word);
                column = indent.length() + word.length();
            } else {
                out.append(' ').append(word);
                column += 1 + word.length();
            }
        }
        return out.toString();
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + " s" : s / 60 + " min " + s % 60 + " s";
    }
}

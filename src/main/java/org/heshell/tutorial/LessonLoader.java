package org.heshell.tutorial;

import groovy.lang.GroovyShell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.customizers.ImportCustomizer;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.heshell.command.CommandException;

/** Reads lesson files: Groovy scripts on {@link LessonScript}, with the model's types imported for the checks. */
final class LessonLoader {
    private LessonLoader() {
    }

    /** The lessons of every {@code *.groovy} under {@code dir}, in file name order (01-..., 02-...). */
    static List<Lesson> all(Path dir) {
        List<Lesson> lessons = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return lessons;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".groovy")).sorted().toList()) {
                lessons.addAll(file(f));
            }
        } catch (IOException e) {
            throw new CommandException("cannot read the lessons in " + dir + ": " + e.getMessage());
        }
        return lessons;
    }

    /** The lesson ids the file names under {@code dir} promise (NN-ID.groovy), without compiling them. */
    static List<String> fileIds(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".groovy")).sorted()
                    .map(n -> n.replaceAll("^\\d+-", "").replaceAll("\\.groovy$", "")).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The lessons one file declares. */
    static List<Lesson> file(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CommandException("no lesson file " + file, 2, null);
        }
        CompilerConfiguration cfg = new CompilerConfiguration();
        cfg.setScriptBaseClass(LessonScript.class.getName());
        ImportCustomizer imports = new ImportCustomizer();
        imports.addStarImports("org.heshell.model");
        imports.addStaticStars("org.heshell.model.HostStatus");
        cfg.addCompilationCustomizers(imports);
        GroovyShell shell = new GroovyShell(LessonLoader.class.getClassLoader(), cfg);
        try {
            LessonScript script = (LessonScript) shell.parse(Files.readString(file), name(file));
            script.run();
            List<Lesson> lessons = script.lessons().stream().map(l -> new Lesson(l.id(), l.version(), l.title(),
                    l.setup(), l.steps(), l.learned(), file.toString())).toList();
            if (lessons.isEmpty()) {
                throw new CommandException(file + " declares no lesson: start it with lesson('name') { ... }", 2,
                        null);
            }
            return lessons;
        } catch (MultipleCompilationErrorsException e) {
            var m = e.getErrorCollector().getErrorCount() > 0 ? e.getErrorCollector().getError(0) : null;
            // Groovy quotes the rest of the file after "Unexpected input": one line says where, not all of it.
            String why = (m instanceof SyntaxErrorMessage s ? s.getCause().getOriginalMessage() : e.getMessage())
                    .replaceAll("(?s)Unexpected input: '.*", "unexpected input: a bracket, brace or quote is not closed")
                    .replaceAll("\\s+", " ");
            String where = (m instanceof SyntaxErrorMessage s ? ":" + s.getCause().getLine() : "") + ": "
                    + (why.length() > 200 ? why.substring(0, 200) + "…" : why);
            throw new CommandException(file.getFileName() + where + " (fix the lesson file)", 2, e);
        } catch (CompilationFailedException | IOException | IllegalArgumentException e) {
            throw new CommandException(file.getFileName() + ": " + e.getMessage(), 2, e);
        } catch (groovy.lang.MissingMethodException e) {
            throw new CommandException(file.getFileName() + ": no such lesson statement '" + e.getMethod()
                    + "' (a lesson has title, setup, step and learned; a step has text, why, check, hint,"
                    + " solution and mistake)", 2, e);
        }
    }

    private static String name(Path file) {
        String n = file.getFileName().toString().replaceAll("\\.groovy$", "").replaceAll("[^A-Za-z0-9_]", "_");
        return Character.isJavaIdentifierStart(n.charAt(0)) ? n : "lesson_" + n;
    }
}

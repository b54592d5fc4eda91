package org.heshell.script;

import groovy.lang.GroovyClassLoader;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.heshell.command.CommandException;

/**
 * Compiles a Groovy source into a cache entry. Written to a temporary directory and renamed into place, so a
 * crash mid-compile leaves no half entry.
 */
final class GroovyCompiler {
    private GroovyCompiler() {
    }

    static void compile(Path root, Path source, String text, Path dir) {
        try {
            Files.createDirectories(root, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            Path tmp = Files.createTempDirectory(root, "compile-");
            CompilerConfiguration cfg = new CompilerConfiguration();
            cfg.setTargetDirectory(tmp.resolve("classes").toFile());
            GroovyClassLoader gcl = new GroovyClassLoader(GroovyCompiler.class.getClassLoader(), cfg);
            CompilationUnit unit = new CompilationUnit(cfg, null, gcl);
            unit.addSource(source.getFileName().toString(), text);
            try {
                unit.compile();
            } catch (MultipleCompilationErrorsException e) {
                throw new CommandException(describe(source, e), 2, e);
            } catch (CompilationFailedException e) {
                throw new CommandException(source + ": " + e.getMessage(), 2, e);
            }
            List<String> classes = new ArrayList<>();
            unit.getClasses().forEach(c -> classes.add(c.getName()));
            Properties p = new Properties();
            p.setProperty("classes", String.join(",", classes));
            p.setProperty("source", source.toAbsolutePath().toString());
            try (OutputStream out = Files.newOutputStream(tmp.resolve("manifest.properties"))) {
                p.store(out, "compiled by heshell");
            }
            try {
                Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // Another shell compiled the same text at the same time (Linux says "Directory not empty", not
                // always as DirectoryNotEmptyException): its entry, renamed in whole, is as good as ours.
                removeTree(tmp);
                if (!Files.isRegularFile(dir.resolve("manifest.properties"))) {
                    throw e;
                }
            }
        } catch (IOException e) {
            throw new CommandException("cannot write the compile cache under " + root + ": " + e.getMessage());
        }
    }

    private static void removeTree(Path tmp) throws IOException {
        try (var files = Files.walk(tmp)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    /** The first compile error as one line: file, line, column, message. */
    static String describe(Path source, MultipleCompilationErrorsException e) {
        Message m = e.getErrorCollector().getErrorCount() > 0 ? e.getErrorCollector().getError(0) : null;
        if (m instanceof SyntaxErrorMessage s) {
            var x = s.getCause();
            return source.getFileName() + ":" + x.getLine() + ":" + x.getStartColumn() + ": "
                    + x.getOriginalMessage() + " (fix the script and run it again)";
        }
        String text = e.getMessage().replaceAll("\\s+", " ");
        return source.getFileName() + ": " + text;
    }
}

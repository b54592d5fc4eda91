package org.heshell.script;

import groovy.lang.GroovyClassLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
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
 * Compiled Groovy, cached by content hash: a script or command is compiled once, and later runs load its classes
 * straight from {@code DIR/<sha256>/}. Entries are written to a temporary directory and renamed into place, so a
 * crash mid-compile leaves no half entry.
 */
final class GroovyCache {
    private static final String VERSION = "1";
    private final Path root;

    GroovyCache(Path root) {
        this.root = root;
    }

    /** A compiled unit: its directory, for class loading and for side files such as a command's declaration. */
    record Entry(Path dir, List<String> classes) {
        Path classesDir() {
            return dir.resolve("classes");
        }

        ClassLoader loader() {
            try {
                return new URLClassLoader(new URL[] {classesDir().toUri().toURL()}, GroovyCache.class.getClassLoader());
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static String hash(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((VERSION + "\0" + groovy.lang.GroovySystem.getVersion() + "\0").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    Path entryDir(String hash) {
        return root.resolve(hash);
    }

    /** The entry for {@code source}, compiling it on first use. */
    Entry compile(Path source) {
        String text;
        try {
            text = Files.readString(source, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CommandException("cannot read " + source + ": " + e.getMessage());
        }
        Path dir = root.resolve(hash(text));
        Path manifest = dir.resolve("manifest.properties");
        if (!Files.isRegularFile(manifest)) {
            build(source, text, dir);
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(manifest)) {
            p.load(in);
        } catch (IOException e) {
            throw new CommandException("the compiled cache " + dir + " is damaged (" + e.getMessage()
                    + "); delete it and try again");
        }
        return new Entry(dir, List.of(p.getProperty("classes", "").split(",")));
    }

    private void build(Path source, String text, Path dir) {
        try {
            Files.createDirectories(root, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
            Path tmp = Files.createTempDirectory(root, "compile-");
            CompilerConfiguration cfg = new CompilerConfiguration();
            cfg.setTargetDirectory(tmp.resolve("classes").toFile());
            GroovyClassLoader gcl = new GroovyClassLoader(GroovyCache.class.getClassLoader(), cfg);
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
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException
                     | java.nio.file.DirectoryNotEmptyException e) {
                // another shell compiled the same text at the same time; its entry is as good as ours
            }
        } catch (IOException e) {
            throw new CommandException("cannot write the compile cache under " + root + ": " + e.getMessage());
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

package org.heshell.script;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.heshell.command.CommandException;

/**
 * Compiled Groovy, cached by content hash: a script or command is compiled once, and later runs load its classes
 * straight from {@code DIR/<sha256>/}. This class touches no Groovy class, so that finding an entry costs no
 * Groovy start-up; {@link GroovyCompiler} does the compiling.
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

    /** Groovy's version, read without starting Groovy (GroovySystem would): compiled classes are per version. */
    private static final String GROOVY_VERSION = groovyVersion();

    private static String groovyVersion() {
        Properties p = new Properties();
        try (InputStream in = GroovyCache.class.getResourceAsStream("/META-INF/groovy-release-info.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // unknown version: entries still differ by content
        }
        return p.getProperty("ImplementationVersion", "unknown");
    }

    static String hash(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((VERSION + "\0" + GROOVY_VERSION + "\0").getBytes(StandardCharsets.UTF_8));
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
            GroovyCompiler.compile(root, source, text, dir);
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

}

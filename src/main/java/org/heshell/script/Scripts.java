package org.heshell.script;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.heshell.command.CommandException;

/** Where scripts and Groovy commands live, and how a script runs. */
public final class Scripts {
    private final Path home;
    private final GroovyCache cache;

    /** {@code home}: the heshell directory holding scripts/ and commands/; {@code cacheDir}: compiled classes. */
    public Scripts(Path home, Path cacheDir) {
        this.home = home;
        this.cache = new GroovyCache(cacheDir);
    }

    GroovyCache cache() {
        return cache;
    }

    public Path scriptsDir() {
        return home.resolve("scripts");
    }

    public Path commandsDir() {
        return home.resolve("commands");
    }

    /** A script by path, or by name under scripts/ (with or without .groovy). */
    public Path resolve(String nameOrPath) {
        Path direct = Path.of(nameOrPath);
        if (Files.isRegularFile(direct)) {
            return direct;
        }
        for (String candidate : List.of(nameOrPath, nameOrPath + ".groovy")) {
            Path p = scriptsDir().resolve(candidate);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new CommandException("no script '" + nameOrPath + "': not a file, nor in " + scriptsDir()
                + " (`run` and TAB list the scripts there)");
    }

    /** The names of the scripts under scripts/, for completion. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(scriptsDir())) {
            try (Stream<Path> files = Files.list(scriptsDir())) {
                files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".groovy"))
                        .map(n -> n.substring(0, n.length() - ".groovy".length())).sorted().forEach(names::add);
            } catch (java.io.IOException e) {
                return names;
            }
        }
        return names;
    }

}

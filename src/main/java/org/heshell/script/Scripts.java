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
    private final Path userScripts;

    /**
     * {@code home}: the heshell directory holding scripts/ and commands/; {@code cacheDir}: compiled classes;
     * {@code userScripts}: the user's own scripts (~/.heshell/scripts), found by name after those of heshell.
     */
    public Scripts(Path home, Path cacheDir, Path userScripts) {
        this.home = home;
        this.cache = new GroovyCache(cacheDir);
        this.userScripts = userScripts;
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

    /** A script by path, or by name under scripts/, then ~/.heshell/scripts (with or without .groovy). */
    public Path resolve(String nameOrPath) {
        Path direct = Path.of(nameOrPath);
        if (Files.isRegularFile(direct)) {
            return direct;
        }
        for (Path dir : dirs()) {
            for (String candidate : List.of(nameOrPath, nameOrPath + ".groovy")) {
                Path p = dir.resolve(candidate);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        throw new CommandException("no script '" + nameOrPath + "': not a file, nor in " + scriptsDir() + " or "
                + userScripts + " (`run` and TAB list the scripts there)");
    }

    private List<Path> dirs() {
        return List.of(scriptsDir(), userScripts);
    }

    /** The names of the scripts in both places, for completion and `run` alone. */
    public List<String> names() {
        java.util.TreeSet<String> names = new java.util.TreeSet<>();
        byDirectory().values().forEach(names::addAll);
        return new ArrayList<>(names);
    }

    /** The script names of each place, heshell's scripts/ first, then ~/.heshell/scripts (empty ones left out). */
    public java.util.Map<Path, List<String>> byDirectory() {
        java.util.Map<Path, List<String>> out = new java.util.LinkedHashMap<>();
        for (Path dir : dirs()) {
            if (Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.list(dir)) {
                    List<String> names = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".groovy"))
                            .map(n -> n.substring(0, n.length() - ".groovy".length())).sorted().toList();
                    if (!names.isEmpty()) {
                        out.put(dir, names);
                    }
                } catch (java.io.IOException e) {
                    // an unreadable directory offers no names
                }
            }
        }
        return out;
    }

}

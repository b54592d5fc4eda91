package org.heshell.command;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import org.heshell.io.LocalFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ~/.heshell/engines}: the engines heshell knows by name, in an INI-like file, one section per engine:
 * <pre>
 * [prod]
 * url = https://engine.prod.example.com/ovirt-engine/api
 * ca-file = ~/.heshell/prod-ca.pem
 * password-file = ~/.heshell/prod.password
 * </pre>
 * Lines are {@code [NAME]}, {@code key = value}, blank, or comments ({@code #} or {@code ;}). Paths may start with
 * {@code ~/}; relative ones are relative to the file's directory. A password is never written here, only the file
 * that holds it.
 */
public final class EngineConfig {
    /** Every key, in the order the documentation lists them. */
    public static final List<String> KEYS = List.of("url", "ca-file", "user", "password-file", "ssh-user",
            "ssh-identity", "failover", "backups", "lab-dir");
    private static final String NAME = "[A-Za-z0-9][A-Za-z0-9._-]*";
    private final Path file;
    private final Map<String, EngineProfile> engines;

    private EngineConfig(Path file, Map<String, EngineProfile> engines) {
        this.file = file;
        this.engines = engines;
    }

    /** The file's default place. */
    public static Path defaultFile() {
        return Path.of(System.getProperty("user.home"), ".heshell", "engines");
    }

    /** How messages name the default file. */
    static String label() {
        return "~/.heshell/engines";
    }

    /** The default file, read; empty when there is none. */
    public static EngineConfig load() {
        return load(defaultFile());
    }

    /** {@code file} read and checked line by line; empty when it does not exist. */
    public static EngineConfig load(Path file) {
        if (!Files.exists(file)) {
            return new EngineConfig(file, Map.of());
        }
        List<String> lines;
        try {
            lines = LocalFile.readText(file).lines().toList();
        } catch (IOException e) {
            throw new CommandException("cannot read " + file + ": " + e.getMessage(), 2, e);
        }
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        Map<String, Integer> startLine = new LinkedHashMap<>();
        String section = null;
        for (int i = 0; i < lines.size(); i++) {
            int n = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.matches("\\[" + NAME + "]")) {
                    throw bad(file, n, "'" + line + "' is not a section; write [NAME] with letters, digits, . _ -");
                }
                section = line.substring(1, line.length() - 1);
                if (sections.containsKey(section)) {
                    throw bad(file, n, "engine [" + section + "] is already defined at line " + startLine.get(section));
                }
                sections.put(section, new LinkedHashMap<>());
                startLine.put(section, n);
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0) {
                throw bad(file, n, "'" + shown(line) + "' is neither [NAME] nor KEY = VALUE");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (key.equals("password")) {
                throw bad(file, n, "a password is never written here; put it in a file only you can read"
                        + " (chmod 600) and name that file with password-file");
            }
            if (!KEYS.contains(key)) {
                List<String> close = Suggestions.closest(key, KEYS, 1);
                throw bad(file, n, "unknown key '" + key + "'" + (close.isEmpty() ? "" : "; did you mean "
                        + close.get(0) + "?") + " (keys: " + String.join(", ", KEYS) + ")");
            }
            if (section == null) {
                throw bad(file, n, "'" + key + "' comes before any [NAME]; start each engine with its [NAME]");
            }
            if (value.isEmpty()) {
                throw bad(file, n, key + " has no value");
            }
            if (sections.get(section).put(key, value) != null) {
                throw bad(file, n, key + " is given twice in [" + section + "]");
            }
        }
        Map<String, EngineProfile> engines = new LinkedHashMap<>();
        for (var e : sections.entrySet()) {
            engines.put(e.getKey(), profile(file, startLine.get(e.getKey()), e.getKey(), e.getValue()));
        }
        return new EngineConfig(file, engines);
    }

    /** Lines are shown as they are, but not more than a line's worth. */
    private static String shown(String line) {
        return line.length() > 60 ? line.substring(0, 60) + "..." : line;
    }

    private static EngineProfile profile(Path file, int line, String name, Map<String, String> v) {
        String url = v.get("url");
        Path labDir = path(file, v.get("lab-dir"));
        if ((url == null) == (labDir == null)) {
            throw bad(file, line, "engine [" + name + "] needs either url (a Manager) or lab-dir (a lab), not "
                    + (url == null ? "neither" : "both"));
        }
        if (url != null) {
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null || !"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                throw bad(file, line, "engine [" + name + "]: url must be https://FQDN/ovirt-engine/api, not '"
                        + url + "'");
            }
            if (v.get("password-file") == null) {
                throw bad(file, line, "engine [" + name + "] needs password-file: a file only you can read"
                        + " (chmod 600) holding the password");
            }
        } else {
            for (String k : List.of("ca-file", "password-file", "user")) {
                if (v.containsKey(k)) {
                    throw bad(file, line, "engine [" + name + "] is a lab: its " + k + " comes from its lab-dir;"
                            + " remove " + k);
                }
            }
        }
        return new EngineProfile(name, url, path(file, v.get("ca-file")), v.getOrDefault("user", "admin@internal"),
                path(file, v.get("password-file")), v.getOrDefault("ssh-user", "root"),
                path(file, v.get("ssh-identity")), v.get("failover"), path(file, v.get("backups")), labDir);
    }

    private static Path path(Path file, String value) {
        if (value == null) {
            return null;
        }
        if (value.equals("~") || value.startsWith("~/")) {
            return Path.of(System.getProperty("user.home")).resolve(value.substring(Math.min(2, value.length())));
        }
        Path p = Path.of(value);
        return p.isAbsolute() ? p : file.toAbsolutePath().getParent().resolve(p).normalize();
    }

    private static CommandException bad(Path file, int line, String why) {
        return new CommandException(file + " line " + line + ": " + why, 2, null);
    }

    public Path file() {
        return file;
    }

    public List<EngineProfile> engines() {
        return List.copyOf(engines.values());
    }

    public List<String> names() {
        return List.copyOf(engines.keySet());
    }

    public Optional<EngineProfile> find(String name) {
        return Optional.ofNullable(engines.get(name));
    }

    /** The engine of this name, its files checked; an unknown name is one line naming the known ones and the closest. */
    public EngineProfile require(String name) {
        EngineProfile p = engines.get(name);
        if (p == null) {
            throw new CommandException(engines.isEmpty() ? "no engine '" + name + "': " + file + " defines none;"
                    + " add a [" + name + "] section (see README, \"Many engines\"), or give --engine a URL"
                    : "no engine '" + name + "' in " + file + " (known: " + String.join(", ", engines.keySet()) + ")"
                    + Suggestions.near(name, engines.keySet()).map(c -> "; did you mean " + c + "?").orElse(""), 2,
                    null);
        }
        return p.checked();
    }

    /** Whether an --engine value is a URL (else an engine's name). */
    public static boolean isUrl(String value) {
        return value.contains("://");
    }
}

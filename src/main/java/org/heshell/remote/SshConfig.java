package org.heshell.remote;

import java.io.IOException;
import org.heshell.io.LocalFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The part of ssh_config(5) heshell needs: {@code Host NAME} blocks with HostName, Port, User and IdentityFile.
 * The lab writes one; an administrator's own works too.
 */
public final class SshConfig {
    private final Map<String, SshTarget> targets;

    private SshConfig(Map<String, SshTarget> targets) {
        this.targets = targets;
    }

    public static SshConfig read(Path file) {
        Map<String, SshTarget> out = new LinkedHashMap<>();
        String name = null;
        Map<String, String> v = new LinkedHashMap<>();
        try {
            for (String raw : LocalFile.readText(file).lines().toList()) {
                String line = raw.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] kv = line.split("\\s+|\\s*=\\s*", 2);
                String key = kv[0].toLowerCase(Locale.ROOT);
                String value = kv.length > 1 ? kv[1].strip() : "";
                if (key.equals("host")) {
                    add(out, name, v);
                    name = value;
                    v = new LinkedHashMap<>();
                } else if (name != null) {
                    v.putIfAbsent(key, value);
                }
            }
        } catch (IOException e) {
            throw new RemoteException("cannot read the SSH configuration " + file + ": " + e.getMessage(), e);
        }
        add(out, name, v);
        return new SshConfig(out);
    }

    private static void add(Map<String, SshTarget> out, String name, Map<String, String> v) {
        if (name == null || name.contains("*")) {
            return;
        }
        String identity = v.get("identityfile");
        if (identity != null && identity.startsWith("~/")) {
            identity = System.getProperty("user.home") + identity.substring(1);
        }
        try {
            out.put(name, new SshTarget(name, v.getOrDefault("hostname", name),
                    Integer.parseInt(v.getOrDefault("port", "22")), v.getOrDefault("user", "root"),
                    identity == null ? null : Path.of(identity)));
        } catch (NumberFormatException e) {
            throw new RemoteException("the SSH configuration gives " + name + " the port '" + v.get("port")
                    + "', which is not a number");
        }
    }

    public Optional<SshTarget> target(String name) {
        return Optional.ofNullable(targets.get(name));
    }
}

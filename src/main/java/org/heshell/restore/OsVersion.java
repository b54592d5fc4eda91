package org.heshell.restore;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An operating system release as the procedure compares them: distribution and version ("rhel 8.10"), read from
 * the forms the tools give it in: /etc/os-release, a host's host_os ("RHEL - 8.10 - 1.el8"), a backup's
 * os_version ("rhel-8.10") and an RPM release ("…el8": the major version only).
 */
public record OsVersion(String distribution, String version) {
    private static final Pattern NUMBER = Pattern.compile("(\\d+(?:\\.\\d+)?)");

    public static Optional<OsVersion> fromOsRelease(String text) {
        String id = null;
        String version = null;
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.startsWith("ID=")) {
                id = unquote(l.substring(3));
            } else if (l.startsWith("VERSION_ID=")) {
                version = unquote(l.substring(11));
            }
        }
        return id == null || version == null ? Optional.empty() : Optional.of(of(id, version));
    }

    /** "RHEL - 8.10 - 1.el8", "rhel-8.10", "CentOS Stream 8": a name, then the first version number. */
    public static Optional<OsVersion> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Matcher m = NUMBER.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        String name = text.substring(0, m.start()).replaceAll("[^A-Za-z ]", " ").strip();
        return name.isEmpty() ? Optional.empty() : Optional.of(of(name, m.group(1)));
    }

    /** The appliance RPM's release tag, "…el8" or "…el9": RHEL of that major version. */
    public static Optional<OsVersion> fromRpmRelease(String rpm) {
        Matcher m = Pattern.compile("\\.el(\\d+)").matcher(rpm == null ? "" : rpm);
        String last = null;
        while (m.find()) {
            last = m.group(1);
        }
        return last == null ? Optional.empty() : Optional.of(new OsVersion("rhel", last));
    }

    private static OsVersion of(String name, String version) {
        String n = name.toLowerCase(Locale.ROOT).replace("red hat enterprise linux", "rhel").strip();
        return new OsVersion(n.contains(" ") ? n.substring(0, n.indexOf(' ')) : n, version);
    }

    /** Same distribution and version; when one side knows only the major version, the majors must match. */
    public boolean sameReleaseAs(OsVersion other) {
        if (!distribution.equals(other.distribution)) {
            return false;
        }
        if (!version.contains(".") || !other.version.contains(".")) {
            return major().equals(other.major());
        }
        return version.equals(other.version);
    }

    private String major() {
        return version.contains(".") ? version.substring(0, version.indexOf('.')) : version;
    }

    private static String unquote(String s) {
        return s.replaceAll("^[\"']|[\"']$", "");
    }

    @Override
    public String toString() {
        return distribution.toUpperCase(Locale.ROOT) + " " + version;
    }
}

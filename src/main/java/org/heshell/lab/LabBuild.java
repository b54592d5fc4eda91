package org.heshell.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Which heshell a lab process runs: the jar it was started from, named by size and time, so that a shell built
 * later finds a lab that still runs the code before the build. The process runs from a copy of that jar in its
 * lab dir: the JVM loads classes from its jar while it runs, and a rebuild replacing the jar under a running lab
 * would break it at the next class it loads.
 */
record LabBuild(Path jar, String id) {
    static final String PROPERTY = "heshell.lab.build";

    /** The build this JVM runs, when it runs from a single jar (./shell); empty from classes (tests, IDEs). */
    static java.util.Optional<LabBuild> current() {
        String cp = System.getProperty("java.class.path", "");
        if (cp.isEmpty() || cp.contains(java.io.File.pathSeparator) || !cp.endsWith(".jar")) {
            return java.util.Optional.empty();
        }
        Path jar = Path.of(cp).toAbsolutePath();
        try {
            return java.util.Optional.of(new LabBuild(jar, Files.size(jar) + "-"
                    + Files.getLastModifiedTime(jar).toMillis()));
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    /** The build a lab process was started for: set by {@link LabProcess} on its command line, "" in a shell. */
    static String ofThisProcess() {
        return System.getProperty(PROPERTY, "");
    }

    /** A copy of the jar in {@code dir}, put in place whole, which no later build changes. */
    Path copyInto(LabDir dir) throws IOException {
        Path target = dir.path().resolve("heshell-lab.jar");
        Path tmp = dir.path().resolve("heshell-lab.jar." + ProcessHandle.current().pid() + ".tmp");
        try {
            Files.copy(jar, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return target;
    }
}

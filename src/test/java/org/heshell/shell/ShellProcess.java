package org.heshell.shell;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** ./shell as a user runs it, in a process of its own with its own HOME: what end-to-end tests drive. */
public final class ShellProcess {
    public static final Path SHELL = Path.of("shell").toAbsolutePath();

    private final Path home;

    public ShellProcess(Path home) {
        this.home = home;
    }

    public record Run(int code, String out, String err) {
    }

    private ProcessBuilder builder(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>(List.of(SHELL.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("HOME", home.toString());
        pb.environment().remove("HESHELL_PASSWORD");
        pb.environment().putAll(env);
        return pb;
    }

    /** Starts ./shell with {@code args}; its output goes to files in HOME, its stdin is empty. */
    public Process start(Map<String, String> env, String... args) throws java.io.IOException {
        return builder(env, args)
                .redirectOutput(Files.createTempFile(home, "out", ".txt").toFile())
                .redirectError(Files.createTempFile(home, "err", ".txt").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .start();
    }

    /** Runs ./shell to its end (at most {@code seconds}), feeding {@code stdin} when not null. */
    public Run run(String stdin, Map<String, String> env, long seconds, String... args) throws Exception {
        ProcessBuilder pb = builder(env, args);
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        if (stdin == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        }
        Process p = pb.start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            p.getOutputStream().close();
        }
        assertTrue(p.waitFor(seconds, TimeUnit.SECONDS), "./shell finished within " + seconds + " s");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    public Run run(String... args) throws Exception {
        return run(null, Map.of(), 120, args);
    }

    /**
     * Stops every lab a test's shells started under {@code dir} (they run in the background and outlive the shells,
     * as they do for a user), so that nothing writes into the directory while JUnit removes it.
     */
    public static void stopLabs(Path dir) throws Exception {
        List<Path> endpoints;
        try (var files = Files.find(dir, 4, (p, a) -> p.getFileName().toString().equals("endpoint"))) {
            endpoints = files.toList();
        }
        for (Path endpoint : endpoints) {
            var props = new java.util.Properties();
            try (var in = Files.newInputStream(endpoint)) {
                props.load(in);
            } catch (java.io.IOException gone) {
                continue; // it stopped meanwhile
            }
            var process = ProcessHandle.of(Long.parseLong(props.getProperty("pid", "0")));
            if (process.isPresent()) {
                process.get().destroy();
                process.get().onExit().get(10, TimeUnit.SECONDS);
            }
        }
    }
}

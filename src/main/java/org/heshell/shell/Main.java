package org.heshell.shell;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.heshell.command.CommandContext;
import org.heshell.command.CommandException;
import org.heshell.command.Commands;
import org.heshell.engine.SsoTokens;
import org.heshell.lab.Lab;
import org.heshell.lab.LabEndpoint;
import org.heshell.render.Inert;
import org.heshell.script.GroovyCommands;
import org.heshell.script.Scripts;
import org.heshell.tutorial.Tutor;
import picocli.CommandLine;

/** ./shell: parse the launch options, reach the lab or a Manager, then run -c, a script, piped input or the REPL. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static {
        // picocli probes for Groovy closures in annotations, which boots the Groovy runtime on every start.
        // heshell's commands declare completion with classes, never closures.
        System.setProperty("picocli.disable.closures", "true");
    }

    static int run(String[] args) {
        // plain streams until the options are read; then jansi's (Console)
        PrintWriter early = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter earlyErr = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
            // what picocli's standard -V/--version prints, without building the command line's model for it
            for (String line : new LaunchOptions.Version().getVersion()) {
                early.println(line);
            }
            return 0;
        }
        LaunchOptions read = PlainLaunchArgs.read(args);
        if (read == null) {
            read = new LaunchOptions();
            CommandLine cl = new CommandLine(read);
            cl.setExpandAtFiles(false); // `@FILE` would read any file into the arguments and from there into messages
            try {
                cl.parseArgs(args);
            } catch (CommandLine.UnmatchedArgumentException e) {
                String word = e.getUnmatched().isEmpty() ? "" : e.getUnmatched().get(0);
                // an option's value may be a secret given in the wrong place: name the option only
                earlyErr.println("heshell: " + Inert.cut(Inert.line(word.startsWith("-")
                        ? "unknown option '" + word.replaceFirst("(?s)=.*", "") + "'"
                        : "unexpected argument '" + word + "'")) + " (./shell --help)");
                return 2;
            } catch (CommandLine.ParameterException e) {
                earlyErr.println("heshell: " + Inert.cut(Inert.line(e.getMessage())) + " (./shell --help)");
                return 2;
            }
            if (cl.isUsageHelpRequested()) {
                cl.usage(early);
                return 0;
            }
            if (cl.isVersionHelpRequested()) {
                cl.printVersionHelp(early);
                return 0;
            }
        }
        LaunchOptions o = read;
        boolean terminal = System.console() != null;
        Path home = Path.of(System.getProperty("user.home"), ".heshell");
        Console std = Console.system(o.noColour, Files.isDirectory(home) ? home.resolve("cache").resolve("jansi")
                : null);
        PrintWriter out = std.out();
        PrintWriter err = std.err();
        Output output = new Output(out, err, o.json, o.debug, std.colourOut(), std.colourErr(),
                std.width());
        try {
            privateDir(home);
            if (o.labServe()) {
                return serve(o, out, err);
            }
            Path labDir = null;
            if (o.engine.url == null) {
                labDir = o.labDir != null ? o.labDir : home.resolve("lab");
                if ((o.labHosts != null || o.labVms != null)
                        && Files.exists(new org.heshell.lab.LabDir(labDir).stateFile())) {
                    err.println("heshell: warning: the lab in " + labDir + " exists already; --lab-hosts and --lab-vms"
                            + " size new labs only (use another --lab-dir)");
                }
            }
            PasswordSource passwords = new PasswordSource(prompt -> {
                var console = System.console();
                return console == null ? null : console.readPassword("%s", prompt);
            });
            SshOptions ssh = new SshOptions(home.resolve("known_hosts"), o.identity, "root", o.acceptNewHostKey,
                    System.console() == null ? null : (name, fingerprint) -> {
                        String answer = System.console().readLine("The SSH host key of %s is not known: %s%n"
                                + "Check it on the machine (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub)."
                                + " Trust it? [y/N] ", name, fingerprint);
                        return answer != null && answer.strip().equalsIgnoreCase("y");
                    });
            try (Connections connections = new Connections(labDir, labSettings(o), passwords, ssh,
                    line -> err.println("heshell: " + line), new SsoTokens(home.resolve("tokens")));
                 CommandContext ctx = new CommandContext(connections, o.engine.url == null ? connections::lab
                         : () -> connections.engine(o.engine.url, o.engine.user, o.engine.caFile, o.engine.insecure,
                                 o.engine.passwordFile))) {
                // A private key's passphrase: as the Manager's password, never an argument, never in history.
                ctx.setPassphrases(prompt -> {
                    String env = System.getenv("HESHELL_PASSPHRASE");
                    if (env != null && !env.isEmpty()) {
                        return env.toCharArray();
                    }
                    var console = System.console();
                    return console == null ? null : console.readPassword("%s", prompt);
                });
                Commands commands = new Commands(ctx);
                commands.usageWidth(std.width());
                Commands.builtins().forEach(commands::add);
                Path heshellHome = Path.of(System.getProperty("heshell.home", "."));
                Scripts scripts = new Scripts(heshellHome, home.resolve("cache").resolve("groovy"),
                        home.resolve("scripts"));
                Tutor.install(commands, heshellHome.resolve("lessons"), labDir);
                boolean oneShot = o.commands != null || !o.rest.isEmpty()
                        || (!terminal && !Interactive.stdinIsTerminal());
                if (oneShot) {
                    // a one-shot run reads the Groovy commands' declarations only if it names one (or asks help)
                    GroovyCommands.installLater(commands, scripts, p -> err.println("heshell: warning: " + p));
                } else {
                    GroovyCommands.install(commands, scripts).forEach(p -> err.println("heshell: warning: " + p));
                }
                if (oneShot) {
                    StreamProgress progress = new StreamProgress(err, std.errIsTerminal());
                    ctx.setProgress(progress);
                    output.clearing(progress);
                    Session shell = new Session(commands, output);
                    if (o.commands != null) {
                        return OneShot.run(shell, o.commands);
                    }
                    if (!o.rest.isEmpty()) {
                        List<String> argv = new ArrayList<>(List.of("run"));
                        argv.addAll(o.rest);
                        return OneShot.run(shell, argv);
                    }
                    return OneShot.run(shell, new java.io.BufferedReader(new java.io.InputStreamReader(System.in,
                            StandardCharsets.UTF_8)));
                }
                // The REPL opens whether or not the Manager answers: on the worst day it does not.
                return Interactive.run(commands, o.json, o.debug, Console.colourWanted(o.noColour), label(o),
                        home.resolve("history"));
            }
        } catch (CommandException e) {
            output.error(e);
            return e.exitCode();
        } catch (org.heshell.engine.EngineException e) {
            output.error(new CommandException(e.getMessage(), 1, e));
            return 1;
        } catch (IOException | RuntimeException e) {
            output.error(new CommandException(describe(e), 1, e));
            return 1;
        }
    }

    /** What the prompt names, known without logging in: the lab, or the Manager's host from its URL. */
    private static String label(LaunchOptions o) {
        if (o.engine.url == null) {
            return org.heshell.lab.LabScenario.ENGINE_FQDN + " (lab)";
        }
        try {
            return new org.heshell.engine.EngineTarget(o.engine.url, o.engine.user, null, false, null, false).host();
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage(), 2, e);
        }
    }

    /** An I/O failure as a sentence: the JDK's messages are often just the path. */
    static String describe(Exception e) {
        String path = e instanceof java.nio.file.FileSystemException f ? f.getFile() : null;
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied: " + path;
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory: " + path;
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return path + " exists and is in the way; remove it or choose another path";
        }
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
            return path + ": " + f.getReason();
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    private static Lab.Settings labSettings(LaunchOptions o) {
        if (o.labSpeed != null && !(o.labSpeed > 0 && o.labSpeed <= 10_000)) {
            throw new CommandException("--lab-speed must be above 0 and at most 10000, not " + o.labSpeed, 2, null);
        }
        if ((o.labHosts != null && o.labHosts < 3) || (o.labVms != null && o.labVms < 0)) {
            throw new CommandException("a lab needs --lab-hosts of at least 3 and no negative --lab-vms", 2, null);
        }
        return new Lab.Settings(o.labHosts != null ? o.labHosts : 3, o.labVms != null ? o.labVms : 6, o.labSpeed);
    }

    /** `./shell lab serve`: the lab alone, its endpoint on stdout one item per line, until killed. */
    private static int serve(LaunchOptions o, PrintWriter out, PrintWriter err) throws IOException {
        Path dir = o.labDir != null ? o.labDir : Path.of(System.getProperty("user.home"), ".heshell", "lab");
        Lab.Opened opened = Lab.open(dir, labSettings(o));
        if (!(opened instanceof Lab.Served served)) {
            throw new CommandException("the lab in " + dir + " is already served by process "
                    + opened.endpoint().pid() + " at " + opened.endpoint().apiUrl(), 1, null);
        }
        served.lab().awaitMachines();
        // `lab stop` from any shell ends it too (exiting off the thread that answers the request)
        served.lab().serveAsProcess(() -> new Thread(() -> System.exit(0)).start(), null);
        LabEndpoint e = served.endpoint();
        out.println(e.apiUrl());
        out.println(e.caFile());
        out.println(e.user());
        out.println(e.passwordFile());
        out.flush();
        err.println("heshell: lab " + org.heshell.lab.LabScenario.ENGINE_FQDN + " served from " + dir
                + "; its machines: ssh -F " + new org.heshell.lab.LabDir(dir).sshConfigFile()
                + " engine.lab.example; Ctrl-C stops it");
        err.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                served.lab().close();
            } catch (IOException ignored) {
                // stopping anyway
            }
        }));
        try {
            Thread.currentThread().join();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static void privateDir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rwx------")));
        }
    }

    /** The helpers keep the terminal libraries out of one-shot runs. */
    static final class OneShot {
        private OneShot() {
        }

        static int run(Session shell, String text) {
            InterruptOnSigint.install(Thread.currentThread());
            int code = shell.run(text);
            return code == -1 ? 0 : code;
        }

        static int run(Session shell, java.io.BufferedReader lines) throws IOException {
            InterruptOnSigint.install(Thread.currentThread());
            int code = shell.run(lines);
            return code == -1 ? 0 : code;
        }

        static int run(Session shell, List<String> argv) {
            InterruptOnSigint.install(Thread.currentThread());
            int code = shell.run(argv);
            return code == -1 ? 0 : code;
        }
    }
}

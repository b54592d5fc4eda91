package org.heshell.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import org.heshell.command.EngineOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The command line of ./shell itself. */
@Command(name = "shell", mixinStandardHelpOptions = true, versionProvider = LaunchOptions.Version.class,
        description = {"heshell: back up and restore an oVirt self-hosted engine, interactively or by script.",
            "With no engine given, it starts the lab (a simulated environment) and connects to it."},
        footer = {"%nExamples:", "  ./shell                                   the shell on the lab",
            "  ./shell -c \"hosts; map\"                    run commands and exit",
            "  ./shell --json -c hosts                   JSON output",
            "  ./shell scripts/NAME.groovy               run a Groovy script",
            "  ./shell lab serve                         serve the lab for curl, the SDK or another shell",
            "  ./shell --engine https://engine.example.com/ovirt-engine/api --ca-file ca.pem",
            "  ./shell --engine prod                     an engine of ~/.heshell/engines by its name"})
final class LaunchOptions {
    @Option(names = "-c", paramLabel = "COMMANDS", description = "Run these commands (separated by ;) and exit.")
    String commands;

    @Option(names = "--json", description = "Print results as JSON.")
    boolean json;

    @Option(names = "--debug", description = "Show stack traces with errors.")
    boolean debug;

    @Option(names = "--no-color", description = "No colours (also with NO_COLOR set).")
    boolean noColour;

    @Option(names = "--lab-dir", paramLabel = "DIR", description = "The lab's directory (default: ~/.heshell/lab).")
    Path labDir;

    @Option(names = "--lab-hosts", paramLabel = "N", description = "Hosts in a new lab (default: 3).")
    Integer labHosts;

    @Option(names = "--lab-vms", paramLabel = "N", description = "VMs in a new lab besides the engine VM "
            + "(default: 6).")
    Integer labVms;

    @Option(names = "--lab-speed", paramLabel = "FACTOR", description = "How much faster than real time the lab's "
            + "migrations run (kept in the lab).")
    Double labSpeed;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Option(names = "--identity", paramLabel = "FILE",
            description = "The SSH key for the engine VM and hosts (default: your ~/.ssh keys).")
    Path identity;

    @Option(names = "--accept-new-host-key", description = "Trust a machine's SSH host key seen for the first time"
            + " (it is recorded in ~/.heshell/known_hosts); a changed key is never accepted.")
    boolean acceptNewHostKey;

    @Parameters(paramLabel = "SCRIPT|lab serve", arity = "0..*",
            description = "A Groovy script and its arguments, or `lab serve`.")
    List<String> rest = new ArrayList<>();

    boolean labServe() {
        return rest.size() >= 2 && rest.get(0).equals("lab") && rest.get(1).equals("serve");
    }

    static final class Version implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = LaunchOptions.class.getPackage().getImplementationVersion();
            return new String[] {"heshell " + (v == null ? "development" : v)};
        }
    }
}

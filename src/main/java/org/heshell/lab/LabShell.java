package org.heshell.lab;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.heshell.backup.BackupArchive;
import org.heshell.backup.BackupFormatException;
import org.heshell.backup.Checksums;

/**
 * What a lab machine answers over SSH: the few commands the procedure runs, with the output and exit codes of
 * the real ones. Paths are inside the machine's own directory, which is also its SFTP root.
 */
final class LabShell {
    private final String fqdn;
    private final Path root;
    private final boolean engine;
    private final LabDir dir;
    private final LabWorld world;

    LabShell(String fqdn, Path root, boolean engine, LabDir dir, LabWorld world) {
        this.fqdn = fqdn;
        this.root = root;
        this.engine = engine;
        this.dir = dir;
        this.world = world;
    }

    int run(String line, OutputStream stdout, OutputStream stderr) throws IOException {
        // `A || B` as a shell runs it: B only when A fails.
        int code = 1;
        for (String alternative : alternatives(line)) {
            code = runOne(alternative, stdout, stderr);
            if (code == 0) {
                break;
            }
        }
        return code;
    }

    private int runOne(String line, OutputStream stdout, OutputStream stderr) throws IOException {
        PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        boolean quiet = line.contains("2>/dev/null");
        PrintStream err = new PrintStream(quiet ? OutputStream.nullOutputStream() : stderr, true,
                StandardCharsets.UTF_8);
        String cmd = line.replace("2>/dev/null", "").strip();
        List<String> words = words(cmd);
        if (words.isEmpty()) {
            return 0;
        }
        boolean headSum = words.size() == 6 && words.get(0).equals("head") && words.get(1).equals("-c")
                && words.get(2).matches("\\d+") && words.get(4).equals("|") && words.get(5).equals("sha256sum");
        try {
            if (cmd.equals("hostname -f") || cmd.equals("hostname")) {
                out.println(fqdn);
            } else if (cmd.equals("cat /etc/os-release")) {
                String os = world.site().machine(fqdn).map(LabMachine::os).orElse(LabScenario.OS);
                String name = os.startsWith("9") ? "Plow" : "Ootpa";
                out.print("NAME=\"Red Hat Enterprise Linux\"\nVERSION=\"" + os + " (" + name + ")\"\nID=\"rhel\"\n"
                        + "VERSION_ID=\"" + os + "\"\nPRETTY_NAME=\"Red Hat Enterprise Linux " + os + " (" + name
                        + ")\"\n");
            } else if (!engine && cmd.equals("rpm -q ovirt-engine-appliance")) {
                out.println("ovirt-engine-appliance-" + world.site().appliance() + ".noarch");
            } else if (words.get(0).equals("ls")) {
                List<String> args = words.stream().skip(1).filter(w -> !w.startsWith("-")).toList();
                try (var list = Files.list(file(args.isEmpty() ? "." : args.get(0)))) {
                    list.map(f -> f.getFileName().toString()).sorted().forEach(out::println);
                }
            } else if (words.get(0).equals("rm") && (words.size() == 2 || words.size() == 3
                    && words.get(1).equals("-f"))) {
                boolean gone = Files.deleteIfExists(file(words.get(words.size() - 1)));
                if (!gone && words.size() == 2) {
                    throw new java.nio.file.NoSuchFileException(file(words.get(1)).toString());
                }
            } else if (words.get(0).equals("mv") && words.size() == 3) {
                Files.move(file(words.get(1)), file(words.get(2)), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            } else if (words.get(0).equals("uname")) {
                return uname(words, out, err);
            } else if (words.get(0).equals("getent") && words.size() == 3 && words.get(1).equals("hosts")) {
                return getentHosts(words.get(2), out);
            } else if (!engine && words.get(0).equals("hosted-engine") && words.contains("--set-maintenance")) {
                return setMaintenance(options(words), out, err);
            } else if (!engine && words.get(0).equals("hosted-engine") && words.contains("--vm-status")
                    && !deployedHere()) {
                err.println("You must run deploy first");
                return 1;
            } else if (!engine && words.get(0).equals("hosted-engine") && words.contains("--vm-status")
                    && world.site().storageLost()) {
                // the HA broker cannot read the agents' metadata on hosted_storage (vm_status.py's error path; with
                // --json it prints the Python dict, its newline escaped)
                String error = "Failed to connect to the storage server of hosted_storage";
                if (words.contains("--json")) {
                    out.println("{'exception': '" + error + "\\nCannot connect to the HA daemon, please check the"
                            + " logs.'}");
                } else {
                    err.print(error + "\nCannot connect to the HA daemon, please check the logs.\n");
                }
                return 1;
            } else if (!engine && words.get(0).equals("hosted-engine") && words.contains("--vm-start")
                    && world.site().storageLost() && deployedHere()) {
                // hosted-engine's check_vm_conf: the VM's configuration lives on the lost storage domain
                out.println("The hosted engine configuration has not been retrieved from shared storage yet,");
                out.println("for more details please check sanlock status.");
                out.println();
                return 1;
            } else if (!engine && words.get(0).equals("hosted-engine") && (words.contains("--vm-shutdown")
                    || words.contains("--vm-poweroff") || words.contains("--vm-start"))) {
                return engineVm(words.contains("--vm-start"), err);
            } else if (!engine && words.get(0).equals("hosted-engine") && words.contains("--vm-status")) {
                // the agents' timestamp: seconds the lab has run, as the agents count from their start
                LabHaStatus ha = new LabHaStatus(world.snapshot(), java.lang.management.ManagementFactory
                        .getRuntimeMXBean().getUptime() / 1000);
                out.print(words.contains("--json") ? ha.json() + "\n" : ha.text());
            } else if (!engine && words.get(0).equals("hosted-engine") && words.contains("--deploy")) {
                return new LabDeployment(world, fqdn, this::file).run(options(words), out, err);
            } else if (words.get(0).equals("sha256sum") && words.size() == 2) {
                out.println(Checksums.sha256(file(words.get(1))) + "  " + words.get(1));
            } else if (words.size() == 5 && String.join(" ", words.subList(0, 4)).equals("openssl dgst -sha256 -r")) {
                out.println(Checksums.sha256(file(words.get(4))) + " *" + words.get(4));
            } else if (headSum) {
                out.println(Checksums.sha256(file(words.get(3)), Long.parseLong(words.get(2))) + "  -");
            } else if (words.get(0).equals("df")) {
                return df(words, out, err);
            } else if (engine && words.get(0).equals("engine-backup")) {
                return engineBackup(options(words), out, err);
            } else {
                err.println("bash: " + words.get(0) + ": command not found");
                return 127;
            }
            return 0;
        } catch (java.nio.file.NoSuchFileException e) {
            err.println(words.get(0) + ": " + e.getFile().replace(root.toString(), "") + ": No such file or directory");
            return 1;
        } catch (IllegalArgumentException e) {
            err.println(words.get(0) + ": " + e.getMessage());
            return 1;
        }
    }

    /**
     * hosted-engine --vm-shutdown, --vm-poweroff or --vm-start on this host: the engine VM stops if it runs here,
     * or starts here. Outside global maintenance the HA agents start a stopped engine VM again.
     */
    private int engineVm(boolean start, PrintStream err) {
        LabHost self = world.snapshot().hosts().stream().filter(h -> h.address().equalsIgnoreCase(fqdn))
                .findFirst().orElse(null);
        if (self == null || !self.heConfigured()) {
            err.println("It seems like your hosted-engine setup is not complete: run hosted-engine --deploy first");
            return 1;
        }
        try {
            if (start) {
                world.startEngineVm(self.id());
            } else {
                world.shutDownEngineVm(fqdn);
            }
            return 0;
        } catch (LabFault f) {
            err.println(start ? "Command VM.create failed: " + f.getMessage().replaceAll("^\\[|\\]$", "")
                    : "Command VM.shutdown failed: (code=1, message=Virtual machine does not exist on " + fqdn + ")");
            return 1;
        }
    }

    /** Whether this machine is a hosted-engine host the Manager knows: hosted-engine's tools need a deployment. */
    private boolean deployedHere() {
        return world.hosts().stream().anyMatch(h -> h.heConfigured() && h.address().equalsIgnoreCase(fqdn));
    }

    /** hosted-engine --set-maintenance --mode=global|local|none, on this host's HA agent. */
    private int setMaintenance(Map<String, String> o, PrintStream out, PrintStream err) {
        String mode = o.get("mode");
        LabHost self = world.snapshot().hosts().stream().filter(h -> h.address().equalsIgnoreCase(fqdn))
                .findFirst().orElse(null);
        if (mode == null || !List.of("global", "local", "none").contains(mode)) {
            err.println("Invalid maintenance mode: " + mode + " (global, local or none)");
            return 1;
        }
        if (self == null || !self.heConfigured()) {
            err.println("It seems like your hosted-engine setup is not complete: run hosted-engine --deploy first");
            return 1;
        }
        switch (mode) {
            case "global" -> world.setGlobalMaintenance(true);
            case "local" -> world.setLocalMaintenance(self.id(), true);
            default -> {
                world.setGlobalMaintenance(false);
                world.setLocalMaintenance(self.id(), false);
            }
        }
        return 0;
    }

    /** df, df -h, df -P, df -hP and the like, for the machine's one file system, or for the paths given. */
    private int df(List<String> words, PrintStream out, PrintStream err) throws IOException {
        boolean human = false;
        boolean posix = false;
        List<String> paths = new java.util.ArrayList<>();
        for (String w : words.subList(1, words.size())) {
            if (w.matches("-[hPkT]+")) {
                human |= w.contains("h");
                posix |= w.contains("P");
            } else if (w.startsWith("-")) {
                err.println("df: invalid option -- '" + w.replaceFirst("^-+", "") + "'");
                err.println("Try 'df --help' for more information.");
                return 1;
            } else {
                paths.add(w);
            }
        }
        for (String p : paths) {
            if (!Files.exists(file(p))) {
                err.println("df: " + p + ": No such file or directory");
                return 1;
            }
        }
        var store = Files.getFileStore(root);
        long total = store.getTotalSpace() / 1024;
        long avail = world.snapshot().faults().diskFull() ? 0 : store.getUsableSpace() / 1024;
        long used = total - avail;
        long percent = total == 0 ? 0 : (used * 100 + total - 1) / total;
        String mount = "/";
        if (human) {
            out.println(String.format("%-16s %5s %5s %5s %4s %s", "Filesystem", "Size", "Used", "Avail",
                    posix ? "Capacity" : "Use%", "Mounted on"));
            out.println(String.format("%-16s %5s %5s %5s %3d%% %s", "/dev/mapper/lab", human(total), human(used),
                    human(avail), percent, mount));
        } else {
            out.println(String.format("%-16s %11s %9s %9s %s %s", "Filesystem", posix ? "1024-blocks" : "1K-blocks",
                    "Used", "Available", posix ? "Capacity" : "Use%", "Mounted on"));
            out.println(String.format("%-16s %11d %9d %9d %7d%% %s", "/dev/mapper/lab", total, used, avail, percent,
                    mount));
        }
        return 0;
    }

    /** Sizes as coreutils' -h prints them: powers of 1024, one decimal below 10, rounded up. */
    private static String human(long kib) {
        double v = kib;
        String[] units = {"K", "M", "G", "T", "P"};
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return v < 10 ? String.format("%.1f%s", Math.ceil(v * 10) / 10, units[u])
                : String.format("%d%s", (long) Math.ceil(v), units[u]);
    }

    private int uname(List<String> words, PrintStream out, PrintStream err) {
        String kernel = world.site().machine(fqdn).orElse(new LabMachine(fqdn, List.of(), LabScenario.OS))
                .kernel();
        String flags = words.size() == 1 ? "-s" : String.join("", words.subList(1, words.size()));
        if (!flags.matches("(-[asnrmo]+)+")) {
            err.println("uname: invalid option -- '" + flags.replace("-", "") + "'");
            return 1;
        }
        if (flags.contains("a")) {
            out.println("Linux " + fqdn + " " + kernel + " #1 SMP x86_64 x86_64 x86_64 GNU/Linux");
            return 0;
        }
        List<String> parts = new java.util.ArrayList<>();
        if (flags.contains("s")) {
            parts.add("Linux");
        }
        if (flags.contains("n")) {
            parts.add(fqdn);
        }
        if (flags.contains("r")) {
            parts.add(kernel);
        }
        if (flags.contains("m")) {
            parts.add("x86_64");
        }
        if (flags.contains("o")) {
            parts.add("GNU/Linux");
        }
        out.println(String.join(" ", parts));
        return 0;
    }

    /** getent hosts NAME|IP from the lab's DNS, as the machines resolve; exit 2 when it has no such key. */
    private int getentHosts(String key, PrintStream out) {
        var dns = world.site().dns();
        boolean ip = key.matches("[0-9.]+|[0-9a-fA-F:]+");
        var found = dns.stream().filter(r -> ip ? r.type().equals("PTR") && r.name().equals(key)
                : r.type().equals("A") && r.name().equalsIgnoreCase(key)).toList();
        if (found.isEmpty()) {
            return 2;
        }
        var r = found.get(0);
        out.println(String.format("%-15s %s", ip ? key : r.value(), ip ? r.value() : r.name()));
        return 0;
    }

    /** engine-backup --mode=backup|verify, with the real tool's messages. */
    private int engineBackup(Map<String, String> o, PrintStream out, PrintStream err) throws IOException {
        String mode = o.get("mode");
        String file = o.get("file");
        if (mode == null || file == null) {
            err.println("FATAL: --mode and --file are required");
            return 1;
        }
        if (mode.equals("verify")) {
            try {
                BackupArchive.inspect(file(file));
                out.println("Done.");
                return 0;
            } catch (BackupFormatException e) {
                err.println("FATAL: " + e.getMessage());
                return 1;
            }
        }
        if (!mode.equals("backup")) {
            err.println("FATAL: mode " + mode + " is not available on the lab's engine");
            return 1;
        }
        String scope = o.getOrDefault("scope", "all");
        if (!List.of("all", "db", "files").contains(scope)) {
            err.println("FATAL: invalid scope '" + scope + "'");
            return 1;
        }
        Path target = file(file);
        Files.createDirectories(target.getParent());
        out.println("Start of engine-backup with mode 'backup'");
        out.println("scope: " + scope);
        out.println("archive file: " + file);
        String log = o.getOrDefault("log", "/var/log/ovirt-engine-backup/ovirt-engine-backup-"
                + java.time.format.DateTimeFormatter.ofPattern("yyyyMMddHHmmss").format(java.time.LocalDateTime.now())
                + ".log");
        out.println("log file: " + log);
        out.println("Backing up:");
        out.println("Notifying engine");
        // what engine-backup's "Notifying engine" writes into the audit log: a row per scope at the start, the end
        // and on failure (LogEngineBackupEvent), files before db as the tool notifies them
        List<String> scopes = scope.equals("all") ? List.of("files", "db") : List.of(scope);
        notifyEngine(scopes, LabEvent.ENGINE_BACKUP_STARTED, "Backup Started", log);
        if (!scope.equals("db")) {
            out.println("- Files");
        }
        if (!scope.equals("files")) {
            out.println("- Engine database 'engine'");
        }
        out.println("Packing into file '" + file + "'");
        if (world.snapshot().faults().diskFull()) {
            err.println("tar: " + file + ": Wrote only 4096 of 10240 bytes");
            err.println("FATAL: Cannot create '" + file + "': No space left on device");
            notifyEngine(scopes, LabEvent.ENGINE_BACKUP_FAILED, "Failed", log);
            return 1;
        }
        LabBackup.write(dir, world.snapshot(), scope, target);
        out.println("Notifying engine");
        notifyEngine(scopes, LabEvent.ENGINE_BACKUP_COMPLETED, "Backup Finished", log);
        out.println("Done.");
        return 0;
    }

    private void notifyEngine(List<String> scopes, int code, String message, String log) {
        for (String s : scopes) {
            world.event(code, code == LabEvent.ENGINE_BACKUP_FAILED ? "error" : "normal", "engine-backup: " + message
                    + ", scope=" + s + ", log=" + log, null, null);
        }
    }

    /** The parts of {@code line} between `||` outside quotes. */
    static List<String> alternatives(String line) {
        List<String> parts = new java.util.ArrayList<>();
        char quote = 0;
        int from = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                quote = c == quote ? 0 : quote;
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '|' && i + 1 < line.length() && line.charAt(i + 1) == '|') {
                parts.add(line.substring(from, i));
                from = i + 2;
                i++;
            }
        }
        parts.add(line.substring(from));
        return parts;
    }

    /** Words as a POSIX shell splits them: single and double quotes keep spaces; | stands alone. */
    static List<String> words(String line) {
        List<String> out = new java.util.ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean in = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                in = true;
            } else if (Character.isWhitespace(c) || c == '|') {
                if (in) {
                    out.add(w.toString());
                    w.setLength(0);
                    in = false;
                }
                if (c == '|') {
                    out.add("|");
                }
            } else {
                w.append(c);
                in = true;
            }
        }
        if (in) {
            out.add(w.toString());
        }
        return out;
    }

    private static Map<String, String> options(List<String> words) {
        Map<String, String> o = new HashMap<>();
        for (String w : words.subList(1, words.size())) {
            if (w.startsWith("--")) {
                int eq = w.indexOf('=');
                o.put(eq < 0 ? w.substring(2) : w.substring(2, eq), eq < 0 ? "" : w.substring(eq + 1));
            }
        }
        return o;
    }

    /** A path on the machine, inside its directory: ".." cannot leave it. */
    Path file(String path) {
        Path p = root.resolve(path.startsWith("/") ? path.substring(1) : path).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException(path + ": Permission denied");
        }
        return p;
    }
}

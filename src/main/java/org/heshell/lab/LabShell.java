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
            } else if (!engine && words.get(0).equals("hosted-engine") && words.contains("--deploy")) {
                return new LabDeployment(world, fqdn, this::file).run(options(words), out, err);
            } else if (!engine && words.equals(List.of("hosted-engine", "--vm-status"))) {
                return vmStatus(out, err);
            } else if (words.get(0).equals("sha256sum") && words.size() == 2) {
                out.println(Checksums.sha256(file(words.get(1))) + "  " + words.get(1));
            } else if (words.size() == 5 && String.join(" ", words.subList(0, 4)).equals("openssl dgst -sha256 -r")) {
                out.println(Checksums.sha256(file(words.get(4))) + " *" + words.get(4));
            } else if (headSum) {
                out.println(Checksums.sha256(file(words.get(3)), Long.parseLong(words.get(2))) + "  -");
            } else if (words.get(0).equals("df") && words.size() == 3 && words.get(1).equals("-P")) {
                Path d = file(words.get(2));
                var store = Files.getFileStore(Files.exists(d) ? d : root);
                long total = store.getTotalSpace() / 1024;
                long avail = world.snapshot().faults().diskFull() ? 0 : store.getUsableSpace() / 1024;
                out.println("Filesystem     1024-blocks      Used Available Capacity Mounted on");
                out.printf("/dev/mapper/lab %11d %9d %9d %7d%% /%n", total, total - avail, avail,
                        total == 0 ? 0 : (total - avail) * 100 / total);
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
     * hosted-engine --vm-status as ovirt-hosted-engine-setup prints it: each hosted-engine host of the shared
     * storage's metadata with its HA score and what it sees of the engine VM; on a host never deployed, the tool's
     * refusal.
     */
    private int vmStatus(PrintStream out, PrintStream err) {
        List<LabHost> he = world.hosts().stream().filter(LabHost::heConfigured).toList();
        if (he.stream().noneMatch(h -> h.address().equalsIgnoreCase(fqdn))) {
            err.println("You must run deploy first");
            return 1;
        }
        LabVm engineVm = world.vms().stream().filter(v -> v.engine() && "up".equals(v.status())).findFirst()
                .orElse(null);
        int n = 1;
        for (LabHost h : he) {
            boolean here = engineVm != null && h.id().equals(engineVm.hostId());
            out.println();
            out.println();
            out.println("--== Host " + h.address() + " (id: " + n + ") status ==--");
            out.println();
            out.printf("%-35s: %d%n", "Host ID", n++);
            out.printf("%-35s: %d%n", "Score", h.heScore());
            out.printf("%-35s: %s%n", "Engine status", here ? "{\"vm\": \"up\", \"health\": \"good\", \"detail\":"
                    + " \"Up\"}" : "{\"vm\": \"down\", \"health\": \"bad\", \"detail\": \"unknown\", \"reason\":"
                    + " \"vm not running on this host\"}");
            out.printf("%-35s: %s%n", "Hostname", h.address());
            out.printf("%-35s: %s%n", "Local maintenance", h.heLocalMaintenance() ? "True" : "False");
            out.printf("%-35s: %s%n", "stopped", h.heScore() == 0 && !h.heLocalMaintenance() ? "True" : "False");
            out.printf("%-35s: %s%n", "Status up-to-date", "True");
        }
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
        out.println("log file: " + o.getOrDefault("log", "/var/log/ovirt-engine-backup/ovirt-engine-backup.log"));
        out.println("Backing up:");
        out.println("Notifying engine");
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
            return 1;
        }
        LabBackup.write(dir, world.snapshot(), scope, target);
        out.println("Notifying engine");
        out.println("Done.");
        return 0;
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

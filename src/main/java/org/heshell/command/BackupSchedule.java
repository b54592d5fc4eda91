package org.heshell.command;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "schedule", header = "Write a systemd timer that takes, prunes and checks backups.", description = {
    "Write a systemd timer and service that take a backup on schedule with this heshell: backup-she with a "
        + "failover host (or backup create without one), then, when it succeeded, backup prune with the keep "
        + "options given; after every run, success or not, backup check (with --metrics, for monitoring).",
    "The Manager's password comes from --password-file, a file only its owner can read; the units name the file "
        + "and never hold the password. Without --engine the units back up the lab (--lab-dir).",
    "--print shows the units and writes nothing; --remove deletes them. Then enable the timer with the command "
        + "printed (systemctl daemon-reload; systemctl enable --now NAME.timer)."},
        footer = {"%nExamples:", "  backup schedule --failover 'Host 1' --at 02:30 --keep-daily 7 --keep-weekly 4"
            + " --print", "  backup schedule --engine https://engine.example.com/ovirt-engine/api --ca-file ca.pem"
            + " --password-file ~/.heshell/engine.password --failover 'Host 1' --keep-daily 14",
            "  backup schedule --remove"})
public final class BackupSchedule implements Callable<Result> {
    private static final String NAME = "heshell-backup";

    @Option(names = "--failover", paramLabel = "HOST", completionCandidates = HostNames.class,
            description = "Take the backup with this host as the failover host (backup-she); without it, "
                    + "backup create.")
    String failover;

    @Option(names = "--at", paramLabel = "HH:MM", defaultValue = "02:30",
            description = "Every day at this local time (default: ${DEFAULT-VALUE}).")
    String at;

    @Option(names = "--on-calendar", paramLabel = "SPEC",
            description = "A systemd calendar expression instead of --at (e.g. 'Mon..Fri 01:00').")
    String onCalendar;

    @Option(names = "--keep-last", paramLabel = "N", description = "Prune: keep the N newest.")
    Integer last;

    @Option(names = "--keep-daily", paramLabel = "N", description = "Prune: keep one a day for N days.")
    Integer daily;

    @Option(names = "--keep-weekly", paramLabel = "N", description = "Prune: keep one a week for N weeks.")
    Integer weekly;

    @Option(names = "--keep-monthly", paramLabel = "N", description = "Prune: keep one a month for N months.")
    Integer monthly;

    @Option(names = "--encrypt-to", paramLabel = "KEY", description = "Encrypt each backup as it arrives to this"
            + " OpenPGP public key file (checked now; the units name the file).")
    Path encryptTo;

    @Option(names = "--max-age", paramLabel = "AGE", defaultValue = "26h",
            description = "The check's warning age (default: ${DEFAULT-VALUE}).")
    String maxAge;

    @Option(names = "--metrics", paramLabel = "FILE", description = "The check writes Prometheus metrics here.")
    Path metrics;

    @Option(names = "--lab-dir", paramLabel = "DIR", description = "Without --engine: the lab to back up "
            + "(default: ~/.heshell/lab).")
    Path labDir;

    @Mixin
    EngineOptions engine = new EngineOptions();

    @Option(names = "--unit-dir", paramLabel = "DIR", description = "Where to write the units (default: "
            + "/etc/systemd/system for root, else ~/.config/systemd/user).")
    Path unitDir;

    @Option(names = "--print", description = "Show the units; write nothing.")
    boolean print;

    @Option(names = "--remove", description = "Remove the units this command wrote.")
    boolean remove;

    @Override
    public Result call() {
        Path dir = unitDir != null ? unitDir : isRoot() ? Path.of("/etc/systemd/system")
                : Path.of(System.getProperty("user.home"), ".config", "systemd", "user");
        String systemctl = isRoot() ? "systemctl" : "systemctl --user";
        if (remove) {
            return remove(dir, systemctl);
        }
        BackupUnits units = units();
        if (print) {
            return new Result.Text("# " + dir.resolve(NAME + ".service") + "\n" + units.service() + "\n# "
                    + dir.resolve(NAME + ".timer") + "\n" + units.timer());
        }
        if (!Files.isDirectory(dir)) {
            throw new CommandException(dir + " does not exist; create it or give --unit-dir", 2, null);
        }
        try {
            write(dir.resolve(NAME + ".service"), units.service());
            write(dir.resolve(NAME + ".timer"), units.timer());
        } catch (IOException e) {
            throw new CommandException("cannot write the units to " + dir + ": " + e.getMessage()
                    + "; nothing was enabled", 1, e);
        }
        return new Result.Text("Wrote " + dir.resolve(NAME + ".service") + " and " + dir.resolve(NAME + ".timer")
                + "; enable them with: " + systemctl + " daemon-reload && " + systemctl + " enable --now " + NAME
                + ".timer");
    }

    private BackupUnits units() {
        String calendar = onCalendar != null ? onCalendar : daily(at);
        BackupCheck.age("--max-age", maxAge);
        List<String> launch = new ArrayList<>();
        String what;
        if (engine.url != null) {
            if (engine.passwordFile == null) {
                throw new CommandException("a scheduled backup of " + engine.url + " needs --password-file: a file"
                        + " only you can read (chmod 600) holding the password", 2, null);
            }
            privateFile(engine.passwordFile);
            launch.addAll(List.of("--engine", engine.url, "--user", engine.user, "--password-file",
                    engine.passwordFile.toAbsolutePath().toString()));
            if (engine.caFile != null) {
                launch.addAll(List.of("--ca-file", engine.caFile.toAbsolutePath().toString()));
            }
            if (engine.insecure) {
                throw new CommandException("a scheduled backup never skips the certificate check: give --ca-file"
                        + " instead of --insecure", 2, null);
            }
            what = "the engine at " + engine.url;
        } else {
            Path lab = labDir != null ? labDir : Path.of(System.getProperty("user.home"), ".heshell", "lab");
            launch.addAll(List.of("--lab-dir", lab.toAbsolutePath().toString()));
            what = "the lab in " + lab;
        }
        String backup = failover != null ? "backup-she --failover " + CommandLines.quote(failover) : "backup create";
        if (encryptTo != null) {
            org.heshell.backup.EncryptionKey.load(encryptTo, "--encrypt-to"); // a wrong key now, not every night
            backup += " --encrypt-to " + CommandLines.quote(encryptTo.toAbsolutePath().toString());
        }
        String keep = keep("--keep-last", last) + keep("--keep-daily", daily) + keep("--keep-weekly", weekly)
                + keep("--keep-monthly", monthly);
        if (!keep.isEmpty()) {
            backup += "; backup prune" + keep;
        }
        String check = "backup check --max-age " + maxAge + (metrics == null ? ""
                : " --metrics " + CommandLines.quote(metrics.toAbsolutePath().toString()));
        Path home = Path.of(System.getProperty("heshell.home", "."));
        return BackupUnits.of(NAME, home.toAbsolutePath().resolve("shell"), Path.of(System.getProperty("user.home")),
                launch, backup, check, calendar, what);
    }

    private Result remove(Path dir, String systemctl) {
        List<String> gone = new ArrayList<>();
        try {
            for (String unit : List.of(NAME + ".timer", NAME + ".service")) {
                if (Files.deleteIfExists(dir.resolve(unit))) {
                    gone.add(dir.resolve(unit).toString());
                }
            }
        } catch (IOException e) {
            throw new CommandException("cannot remove the units in " + dir + ": " + e.getMessage(), 1, e);
        }
        return new Result.Text(gone.isEmpty() ? "no heshell backup units in " + dir
                : "Removed " + String.join(" and ", gone) + "; stop the timer with: " + systemctl
                        + " disable --now " + NAME + ".timer");
    }

    private static String keep(String option, Integer n) {
        if (n == null) {
            return "";
        }
        if (n < 0) {
            throw new CommandException(option + " cannot be negative", 2, null);
        }
        return " " + option + " " + n;
    }

    /** --at HH:MM as a daily calendar expression. */
    private static String daily(String at) {
        if (!at.matches("([01]\\d|2[0-3]):[0-5]\\d")) {
            throw new CommandException("--at '" + at + "' is not a time of day; write HH:MM, e.g. 02:30", 2, null);
        }
        return "*-*-* " + at + ":00";
    }

    /** The password file must exist and be readable by its owner alone. */
    private static void privateFile(Path file) {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            if (p.stream().anyMatch(x -> x.name().startsWith("GROUP") || x.name().startsWith("OTHERS"))) {
                throw new CommandException("--password-file " + file + " can be read by others; chmod 600 it first",
                        2, null);
            }
        } catch (IOException e) {
            throw new CommandException("--password-file " + file + " cannot be read (" + e.getMessage() + ")", 2,
                    null);
        }
    }

    /** A unit file, replaced atomically; units are not secret and systemd reads them as root: 0644. */
    private static void write(Path file, String text) throws IOException {
        Path tmp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text);
            Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}

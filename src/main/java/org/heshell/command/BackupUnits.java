package org.heshell.command;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The systemd service and timer that run heshell's backup on a schedule, as text. The service runs the backup,
 * then (only when it succeeded) the prune; the check runs after the service in any case (ExecStopPost), so that
 * monitoring learns of a failed night too. Credentials stay in a file: the units name it, never hold a secret.
 */
record BackupUnits(String name, String service, String timer) {
    /**
     * {@code shell}: the launcher to run; {@code launch}: its connection options; {@code backup} and
     * {@code after}: the commands for -c; {@code check}: the check command, run with {@code checkLaunch};
     * {@code calendar}: OnCalendar.
     */
    static BackupUnits of(String name, Path shell, Path home, List<String> launch, String backup,
                          List<String> checkLaunch, String check, String calendar, String what) {
        String service = "[Unit]\n"
                + "Description=heshell: back up " + what + "\n"
                + "Documentation=file://" + shell.getParent().resolve("README.md") + "\n"
                + "Wants=network-online.target\n"
                + "After=network-online.target\n"
                + "\n[Service]\n"
                + "Type=oneshot\n"
                + "Environment=" + quote("HOME=" + home) + "\n"
                // Backups hold the engine CA key: everything the run creates is private to its user.
                + "UMask=0077\n"
                + "Nice=10\n"
                + "IOSchedulingClass=idle\n"
                + "ExecStart=" + command(shell, launch, backup) + "\n"
                + "ExecStopPost=-" + command(shell, checkLaunch, check) + "\n";
        String timer = "[Unit]\n"
                + "Description=heshell: back up " + what + " on schedule\n"
                + "\n[Timer]\n"
                + "OnCalendar=" + calendar + "\n"
                // A machine that was off at the time backs up when it comes back; many engines do not all start at once.
                + "Persistent=true\n"
                + "RandomizedDelaySec=15min\n"
                + "Unit=" + name + ".service\n"
                + "\n[Install]\n"
                + "WantedBy=timers.target\n";
        return new BackupUnits(name, service, timer);
    }

    private static String command(Path shell, List<String> launch, String commands) {
        List<String> argv = new java.util.ArrayList<>();
        argv.add(shell.toString());
        argv.addAll(launch);
        argv.add("-c");
        argv.add(commands);
        return argv.stream().map(BackupUnits::quote).collect(Collectors.joining(" "));
    }

    /** One word of a unit's command line: double-quoted, with systemd's escapes for \, ", % and $. */
    static String quote(String word) {
        return "\"" + word.replace("\\", "\\\\").replace("\"", "\\\"").replace("%", "%%").replace("$", "$$") + "\"";
    }
}

package org.heshell.shell;

import java.io.IOException;
import java.nio.file.Files;
import org.heshell.io.LocalFile;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.function.Function;
import org.heshell.command.CommandException;

/**
 * Where a password comes from, in order: a file given for it, HESHELL_PASSWORD, a masked prompt on the terminal.
 * Never from the command line, so it never lands in shell history or the process list.
 */
final class PasswordSource {
    private final Function<String, char[]> prompt;

    /** {@code prompt} asks on the terminal (returns null when there is none). */
    PasswordSource(Function<String, char[]> prompt) {
        this.prompt = prompt;
    }

    char[] get(String user, String host, Path file) {
        if (file != null) {
            return fromFile(file);
        }
        String env = System.getenv("HESHELL_PASSWORD");
        if (env != null && !env.isEmpty()) {
            return env.toCharArray();
        }
        char[] typed = prompt.apply("Password for " + user + " at " + host + ": ");
        if (typed == null) {
            throw new CommandException("no password for " + user + ": set HESHELL_PASSWORD, give --password-file,"
                    + " or run on a terminal to be asked");
        }
        return typed;
    }

    static char[] fromFile(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            if (perms.contains(PosixFilePermission.OTHERS_READ) || perms.contains(PosixFilePermission.GROUP_READ)) {
                System.err.println("heshell: warning: " + file + " is readable by others; chmod 600 " + file);
            }
            String text = LocalFile.readText(file);
            int end = text.indexOf('\n');
            String line = (end < 0 ? text : text.substring(0, end)).replace("\r", "");
            if (line.isEmpty()) {
                throw new CommandException("the password file " + file + " is empty; put the password on its first"
                        + " line");
            }
            return line.toCharArray();
        } catch (IOException e) {
            throw new CommandException("cannot read the password file " + file + ": " + e.getMessage());
        } catch (UnsupportedOperationException e) {
            throw new CommandException("cannot check the permissions of " + file + " on this file system");
        }
    }
}

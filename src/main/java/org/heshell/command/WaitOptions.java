package org.heshell.command;

import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * How a command that asks the Manager for a change waits for it: --timeout SECONDS (its default given by the command,
 * shown in the help) and --no-wait. Declared once for host and vm actions.
 */
final class WaitOptions {
    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Give up waiting after this many seconds (default: ${DEFAULT-VALUE}; on the lab, seconds"
                    + " of its clock: --lab-speed 100 makes 600 s of waiting 6 s).")
    int timeoutSeconds;

    @Option(names = "--no-wait", description = "Return as soon as the Manager accepted the request.")
    boolean noWait;

    /** The options with the command's own default timeout, which picocli shows as the default. */
    WaitOptions(int defaultSeconds) {
        this.timeoutSeconds = defaultSeconds;
    }

    /** The timeout, checked: a positive number of seconds, else one line and exit 2, before anything changes. */
    Duration timeout() {
        if (timeoutSeconds <= 0) {
            throw new CommandException("--timeout must be a positive number of seconds, not " + timeoutSeconds, 2,
                    null);
        }
        return Duration.ofSeconds(timeoutSeconds);
    }

    boolean noWait() {
        return noWait;
    }
}

package org.heshell.command;

import java.util.List;

/** The one entry point every front end uses: the REPL, `-c`, piped input and Groovy scripts. */
public interface CommandExecutor {
    Result execute(List<String> argv);
}

package org.heshell.command;

import java.util.List;

/** Completion candidates that depend on the words typed before for the same parameter (`lab dns add A ...`). */
public interface AfterWords {
    Iterable<String> after(List<String> before);
}

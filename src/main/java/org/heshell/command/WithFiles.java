package org.heshell.command;

/** Completion candidates for an argument that also takes a file: TAB offers these and the paths typed so far. */
public interface WithFiles {
}

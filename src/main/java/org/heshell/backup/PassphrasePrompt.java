package org.heshell.backup;

/**
 * Asks for a private key's passphrase where no one else sees it: a masked prompt on the terminal (or the
 * environment the shell documents). Returns null when there is no way to ask.
 */
@FunctionalInterface
public interface PassphrasePrompt {
    PassphrasePrompt NONE = prompt -> null;

    char[] ask(String prompt);
}

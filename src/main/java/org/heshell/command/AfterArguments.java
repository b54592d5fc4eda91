package org.heshell.command;

import java.util.List;

/**
 * Completion candidates that depend on the command's arguments typed before (the HOST of `host attach-network HOST
 * NETWORK NIC`, the words `lab dns add A` took already), offered in the order given rather than sorted: the
 * likeliest first.
 */
public interface AfterArguments {
    List<String> after(List<String> arguments);
}

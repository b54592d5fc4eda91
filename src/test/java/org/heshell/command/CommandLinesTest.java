package org.heshell.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLinesTest {
    @Test
    void semicolonsAndNewlinesSeparateCommandsAndQuotesKeepSpaces() {
        assertEquals(List.of(List.of("host", "maintenance", "Host 1"), List.of("map")),
                CommandLines.split("host maintenance 'Host 1'; map"));
        assertEquals(List.of(List.of("vms", "--host", "Host 2"), List.of("hosts")),
                CommandLines.split("vms --host \"Host 2\"\nhosts\n"));
        assertEquals(List.of(List.of("a;b", "c d")), CommandLines.split("'a;b' c\\ d"));
        assertEquals(List.of(List.of("hosts")), CommandLines.split("  # a comment\nhosts # another\n;;"));
        assertEquals(List.of(List.of("say", "\"quoted\"")), CommandLines.split("say \"\\\"quoted\\\"\""));
    }

    @Test
    void anUnclosedQuoteIsOneClearError() {
        CommandException e = assertThrows(CommandException.class, () -> CommandLines.split("host activate 'Host 1"));
        assertTrue(e.getMessage().startsWith("unclosed single quote"), e.getMessage());
        assertEquals(2, e.exitCode());
    }

    @Test
    void quoteWritesAnyWordSoThatSplitGivesItBackWhole() {
        for (String word : List.of("Host 1", "plain", "it's; a \\ \"test\"", "/tmp/a b/c.prom", "#hash", "")) {
            assertEquals(List.of(List.of("say", word)), CommandLines.split("say " + CommandLines.quote(word)), word);
        }
        assertEquals("Host", CommandLines.quote("Host"));
    }
}

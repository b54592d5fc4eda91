package org.heshell.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    @Test
    void closestNamesComeFirst() {
        List<String> hosts = List.of("Host 1", "Host 2", "Host 3", "host1.lab.example", "storage");
        assertEquals(List.of("Host 1", "Host 2"), Suggestions.closest("Hots 1", hosts, 2));
        assertEquals("host1.lab.example", Suggestions.closest("host1", List.of("storage", "host1.lab.example"), 1)
                .get(0));
        assertEquals(3, Suggestions.distance("kitten", "sitting"));
    }
}

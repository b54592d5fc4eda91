package org.heshell.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CopyTextTest {
    @Test
    void decodesEveryEscapeOfTheCopyTextFormat() {
        assertArrayEquals(new String[] {"a\tb", null, "back\\slash", "line\nbreak", "é", "\u0007", "J", ""},
                CopyText.decode("a\\tb\t\\N\tback\\\\slash\tline\\nbreak\t\\303\\251\t\\7\t\\x4a\t", 8));
        assertArrayEquals(new String[] {"\\N is not null when quoted: \\N"},
                CopyText.decode("\\\\N is not null when quoted: \\\\N", 1));
    }

    @Test
    void aWrongColumnCountIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> CopyText.decode("a\tb\tc", 2));
        assertThrows(IllegalArgumentException.class, () -> CopyText.decode("a", 2));
    }
}

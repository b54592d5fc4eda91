package org.heshell.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class ByteSizeTest {
    @Test
    void roundsAsLsHDoesAndIgnoresTheLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY); // a decimal comma there: "2,5 MiB" would break scripts that read it
        try {
            assertEquals("0 KiB", ByteSize.text(0));
            assertEquals("1 KiB", ByteSize.text(1));
            assertEquals("1024 KiB", ByteSize.text((1 << 20) - 1));
            assertEquals("1.0 MiB", ByteSize.text(1 << 20));
            assertEquals("2.5 MiB", ByteSize.text(5L << 19));
            assertEquals("132 MiB", ByteSize.text(132L << 20));
            assertEquals("1.5 GiB", ByteSize.text(3L << 29));
        } finally {
            Locale.setDefault(before);
        }
    }
}

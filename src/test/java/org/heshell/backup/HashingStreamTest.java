package org.heshell.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

class HashingStreamTest {
    @Test
    void skippedBytesAreHashedToo() throws Exception {
        byte[] data = new byte[1_000_000];
        new java.util.Random(1).nextBytes(data);
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        try (var in = new BufferedInputStream(new HashingStream(new ByteArrayInputStream(data), d), 1024)) {
            in.readNBytes(100);
            in.skipNBytes(900_000);
            in.readAllBytes();
        }
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(data), d.digest());
    }
}

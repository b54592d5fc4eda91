package org.heshell.backup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.SecureRandom;
import java.util.Random;
import org.bouncycastle.bcpg.SymmetricKeyAlgorithmTags;
import org.bouncycastle.openpgp.operator.jcajce.JcePGPDataEncryptorBuilder;
import org.junit.jupiter.api.Test;

class CfbThroughCbcTest {
    /** Writes {@code data} in pieces of random sizes (1 byte to 300 KiB), as the fetch and BC's packets do. */
    private static byte[] encrypt(OutputStream stream, ByteArrayOutputStream sink, byte[] data, long seed)
            throws Exception {
        Random sizes = new Random(seed);
        int off = 0;
        while (off < data.length) {
            int n = Math.min(data.length - off, sizes.nextInt(4) == 0 ? 1 + sizes.nextInt(17)
                    : 1 + sizes.nextInt(300 << 10));
            stream.write(data, off, n);
            off += n;
        }
        stream.close();
        return sink.toByteArray();
    }

    @Test
    void givesTheCiphertextOfOpenPgpsOwnCfbForWritesOfAnySize() throws Exception {
        Random random = new Random(16);
        byte[] key = new byte[32];
        random.nextBytes(key);
        for (int length : new int[] {0, 1, 15, 16, 17, 4095, 1 << 20, (3 << 20) + 5}) {
            byte[] data = new byte[length];
            random.nextBytes(data);
            ByteArrayOutputStream ours = new ByteArrayOutputStream();
            ByteArrayOutputStream theirs = new ByteArrayOutputStream();
            byte[] a = encrypt(new CfbThroughCbc(new SecureRandom()).build(key).getOutputStream(ours), ours, data,
                    length);
            byte[] b = encrypt(new JcePGPDataEncryptorBuilder(SymmetricKeyAlgorithmTags.AES_256)
                    .setWithIntegrityPacket(true).build(key).getOutputStream(theirs), theirs, data, length + 1);
            assertArrayEquals(b, a, "ciphertext of " + length + " bytes");
        }
    }
}

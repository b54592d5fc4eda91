package org.heshell.command;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.heshell.backup.EncryptionKey;
import org.heshell.backup.InspectionAsItComes;
import org.heshell.backup.OpenPgp;
import org.heshell.remote.SftpFetch;

/**
 * A fetch that writes only ciphertext: each chunk is encrypted to the key as it arrives (nothing clear reaches the
 * disk), the encrypted file's own SHA-256 is taken as it is written, and the clear bytes are also handed to an
 * inspection (when given) that checks the archive's entries on the way.
 */
public final class EncryptingSink implements SftpFetch.Sink {
    private final EncryptionKey key;
    private final String name;
    private final InspectionAsItComes inspection;
    private final MessageDigest written = sha256();
    private long size;

    /** {@code name}: the clear archive's file name, kept in the message; {@code inspection}: null for none. */
    public EncryptingSink(EncryptionKey key, String name, InspectionAsItComes inspection) {
        this.key = key;
        this.name = name;
        this.inspection = inspection;
    }

    @Override
    public OutputStream open(OutputStream part) throws IOException {
        OutputStream hashed = new FilterOutputStream(part) {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                written.update(b, off, len);
                size += len;
            }
        };
        OutputStream encrypted = OpenPgp.encrypt(hashed, key, name);
        if (inspection == null) {
            return encrypted;
        }
        OutputStream checked = inspection.input();
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                encrypted.write(b, off, len);
                checked.write(b, off, len);
            }

            @Override
            public void close() throws IOException {
                try {
                    encrypted.close();
                } finally {
                    checked.close();
                }
            }
        };
    }

    @Override
    public boolean resumable() {
        return false;
    }

    /** The SHA-256 of the encrypted file as written (valid once the fetch returned). */
    public String fileSha256() {
        return HexFormat.of().formatHex(written.digest());
    }

    public long fileSize() {
        return size;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

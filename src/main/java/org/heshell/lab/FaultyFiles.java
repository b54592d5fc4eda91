package org.heshell.lab;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;

/**
 * SFTP file access with the lab's faults: reads slowed to a rate, or the whole connection dropped once a number
 * of bytes has been served in it, as a flaky link would.
 */
final class FaultyFiles implements SftpFileSystemAccessor {
    private final Supplier<LabFaults> faults;
    private final Map<ServerSession, long[]> served = new WeakHashMap<>();

    FaultyFiles(Supplier<LabFaults> faults) {
        this.faults = faults;
    }

    @Override
    public SeekableByteChannel openFile(SftpSubsystemProxy subsystem, FileHandle handle, Path file, String handleId,
                                        Set<? extends OpenOption> options, FileAttribute<?>... attrs)
            throws IOException {
        SeekableByteChannel channel = SftpFileSystemAccessor.super.openFile(subsystem, handle, file, handleId,
                options, attrs);
        ServerSession session = subsystem.getServerSession();
        long[] count;
        synchronized (served) {
            count = served.computeIfAbsent(session, s -> new long[1]);
        }
        return new Channel(channel, session, count);
    }

    private final class Channel implements SeekableByteChannel {
        private final SeekableByteChannel in;
        private final ServerSession session;
        private final long[] count;

        Channel(SeekableByteChannel in, ServerSession session, long[] count) {
            this.in = in;
            this.session = session;
            this.count = count;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            LabFaults f = faults.get();
            if (f.slowKbps() > 0 && dst.remaining() > f.slowKbps() * 128) {
                dst.limit(dst.position() + f.slowKbps() * 128); // an eighth of a second's worth at a time
            }
            int n = in.read(dst);
            if (n > 0) {
                long total;
                synchronized (count) {
                    total = count[0] += n;
                }
                if (f.dropAfterBytes() > 0 && total > f.dropAfterBytes()) {
                    session.close(true);
                    throw new IOException("connection dropped by the lab after " + f.dropAfterBytes() + " bytes");
                }
                if (f.slowKbps() > 0) {
                    try {
                        Thread.sleep(Math.max(1, n * 1000L / (f.slowKbps() * 1024L)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted", e);
                    }
                }
            }
            return n;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return in.write(src);
        }

        @Override
        public long position() throws IOException {
            return in.position();
        }

        @Override
        public SeekableByteChannel position(long p) throws IOException {
            in.position(p);
            return this;
        }

        @Override
        public long size() throws IOException {
            return in.size();
        }

        @Override
        public SeekableByteChannel truncate(long size) throws IOException {
            in.truncate(size);
            return this;
        }

        @Override
        public boolean isOpen() {
            return in.isOpen();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}

package org.heshell.lab;

import java.io.IOException;
import java.nio.file.Path;
import org.heshell.engine.EngineSession;
import org.heshell.engine.EngineTarget;

/** A fresh lab in a temporary directory, served in-process over HTTPS, with a fast clock. */
public final class LabFixture implements AutoCloseable {
    public static final double FAST = 200;
    private final Lab lab;

    private LabFixture(Lab lab) {
        this.lab = lab;
    }

    public static LabFixture start(Path dir) throws IOException {
        return start(dir, Lab.Settings.STANDARD.hosts(), Lab.Settings.STANDARD.vms());
    }

    public static LabFixture start(Path dir, int hosts, int vms) throws IOException {
        Lab.Opened opened = Lab.open(dir, new Lab.Settings(hosts, vms, FAST));
        if (!(opened instanceof Lab.Served served)) {
            throw new IllegalStateException("lab " + dir + " is already served elsewhere");
        }
        return new LabFixture(served.lab());
    }

    public Lab lab() {
        return lab;
    }

    public LabEndpoint endpoint() {
        return lab.endpoint();
    }

    public EngineTarget target() {
        LabEndpoint e = endpoint();
        return new EngineTarget(e.apiUrl(), e.user(), e.caFile(), false, "lab", true);
    }

    public char[] password() throws IOException {
        return java.nio.file.Files.readString(endpoint().passwordFile()).trim().toCharArray();
    }

    public EngineSession session() throws IOException {
        return EngineSession.open(target(), password());
    }

    /** The engine's backup awareness check now, as it runs every BackupCheckPeriodInHours (9022/9023 alerts). */
    public void engineBackupCheck(java.time.Instant now) {
        lab.world().checkBackups(now);
    }

    @Override
    public void close() throws IOException {
        lab.close();
    }
}

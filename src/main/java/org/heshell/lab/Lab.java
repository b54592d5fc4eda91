package org.heshell.lab;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * A running lab: its world and its engine API, served by this process from a lab dir it holds the lock of.
 * A second process on the same dir does not start another world (two worlds would overwrite each other's state):
 * {@link #open} tells it where the first one serves, and it connects there like to any engine.
 */
public final class Lab implements AutoCloseable {
    private final LabDir dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final LabWorld world;
    private final LabApiServer api;
    private LabMachines machines;
    private boolean closed;
    /** Lab dirs this JVM serves. Probing their lock here would release it: POSIX locks belong to the process. */
    private static final java.util.Set<Path> SERVED_HERE = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.time.Instant started = java.time.Instant.now();

    private Lab(LabDir dir, FileChannel lockChannel, FileLock lock, LabWorld world, LabApiServer api) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.world = world;
        this.api = api;
    }

    /** Settings for a lab: its size when created, and the speed of its clock (null keeps the stored one). */
    public record Settings(int hosts, int vms, Double speed) {
        public static final Settings STANDARD = new Settings(3, 6, null);
    }

    /** Either this process now serves the lab, or another one already does and this is where. */
    public sealed interface Opened permits Served, ServedElsewhere {
        LabEndpoint endpoint();
    }

    public record Served(Lab lab) implements Opened {
        public LabEndpoint endpoint() {
            return lab.endpoint();
        }
    }

    public record ServedElsewhere(LabEndpoint endpoint) implements Opened {
    }

    public static Opened open(Path path, Settings settings) throws IOException {
        LabDir dir = new LabDir(path);
        dir.create();
        FileChannel channel = FileChannel.open(dir.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (java.nio.channels.OverlappingFileLockException e) {
            lock = null; // this very process serves it already
        }
        if (lock == null) {
            channel.close();
            return new ServedElsewhere(readEndpoint(dir).orElseThrow(() -> new IOException(
                    "the lab in " + path + " is locked by another heshell that has not published its endpoint yet;"
                    + " try again in a moment, or use another --lab-dir")));
        }
        try {
            // A process that died without closing left its endpoint: no client may take it for this one's.
            Files.deleteIfExists(dir.endpointFile());
            if (!dir.exists()) {
                LabCertificates.create(dir, LabScenario.ENGINE_FQDN);
                byte[] pw = new byte[18];
                new SecureRandom().nextBytes(pw);
                // No newline after it: `curl --data-urlencode password@FILE` sends the file as it is.
                LabFiles.writePrivate(dir.passwordFile(), HexFormat.of().formatHex(pw));
                new LabStore(dir.stateFile()).save(LabScenario.sized(settings.hosts(), settings.vms()));
            }
            LabStore store = new LabStore(dir.stateFile());
            LabWorld world = new LabWorld(store.load(), store::save, new LabEvents(dir.eventsFile()));
            if (settings.speed() != null) {
                world.setSpeed(settings.speed());
            }
            String password = Files.readString(dir.passwordFile(), StandardCharsets.UTF_8).trim();
            LabApiServer api = new LabApiServer(world, password, LabCertificates.serverContext(dir));
            Lab lab = new Lab(dir, channel, lock, world, api);
            api.onStartMachines(lab::awaitMachines);
            api.onReset(lab::clearMachineFiles);
            SERVED_HERE.add(dir.path().toAbsolutePath().normalize());
            lab.publishEndpoint();
            return new Served(lab);
        } catch (IOException | RuntimeException e) {
            lock.release();
            channel.close();
            throw e;
        }
    }

    /** The clock speed of the lab in {@code labDir}, as its state file says (1 when it cannot be read). */
    public static double speed(Path labDir) {
        try {
            return new LabStore(new LabDir(labDir).stateFile()).load().speed();
        } catch (IOException | RuntimeException e) {
            return 1;
        }
    }

    public LabEndpoint endpoint() {
        return new LabEndpoint(api.url(), dir.caFile(), LabApiServer.USER, dir.passwordFile(),
                ProcessHandle.current().pid());
    }

    public LabWorld world() {
        return world;
    }

    /**
     * This process serves the lab for every client until {@code stop} runs (on `lab stop`, or a DELETE of the
     * process resource); its status names {@code log}, where it writes what it does.
     */
    public void serveAsProcess(Runnable stop, Path log) {
        api.onProcess(new LabApiServer.ProcessControl() {
            @Override
            public java.util.Map<String, Object> status() {
                java.util.Map<String, Object> s = new java.util.LinkedHashMap<>();
                s.put("dir", dir.path().toAbsolutePath().toString());
                s.put("running", true);
                s.put("pid", ProcessHandle.current().pid());
                s.put("apiUrl", api.url());
                s.put("startedAt", started.toString());
                s.put("speed", world.speed());
                synchronized (Lab.this) {
                    s.put("machinesUp", machines != null);
                }
                s.put("log", log == null ? null : log.toAbsolutePath().toString());
                return s;
            }

            @Override
            public void stop() {
                stop.run();
            }
        });
    }

    /** Milliseconds since any client last asked the lab anything. */
    public long idleMillis() {
        return api.idleMillis();
    }

    /**
     * Starts the machines' SSH servers, once, and writes their ssh_config and known_hosts. They start on first
     * need (heshell's own SSH, or `lab serve` for outside clients), not with every shell that never uses them.
     */
    public synchronized void awaitMachines() throws IOException {
        if (machines == null) {
            machines = new LabMachines(dir, world);
            LabMachines started = machines;
            world.onSiteChanged(() -> {
                try {
                    started.sync();
                } catch (IOException e) {
                    System.err.println("heshell lab: cannot start or stop the engine VM's SSH: " + e.getMessage());
                }
            });
        }
    }

    /** A reset keeps nothing on the machines either: their backups, restore copies and temporary files go. */
    private void clearMachineFiles() {
        Path machinesDir = dir.path().resolve("machines");
        if (!Files.isDirectory(machinesDir)) {
            return;
        }
        try (var files = Files.walk(machinesDir)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.err.println("heshell lab: a reset could not remove the machines' files: " + e.getMessage());
        }
    }

    private void publishEndpoint() throws IOException {
        LabEndpoint e = endpoint();
        Properties p = new Properties();
        p.setProperty("url", e.apiUrl());
        p.setProperty("ca", e.caFile().toString());
        p.setProperty("user", e.user());
        p.setProperty("password-file", e.passwordFile().toString());
        p.setProperty("pid", Long.toString(e.pid()));
        p.setProperty("build", LabBuild.ofThisProcess());
        var out = new java.io.ByteArrayOutputStream();
        p.store(out, "the process serving this lab");
        LabFiles.replacePrivate(dir.endpointFile(), out.toByteArray());
    }

    static boolean servedHere(Path dir) {
        return SERVED_HERE.contains(dir.toAbsolutePath().normalize());
    }

    static Optional<LabEndpoint> readEndpoint(LabDir dir) throws IOException {
        Properties p = endpointProperties(dir);
        if (p.getProperty("url") == null) {
            return Optional.empty();
        }
        return Optional.of(new LabEndpoint(p.getProperty("url"), Path.of(p.getProperty("ca")),
                p.getProperty("user"), Path.of(p.getProperty("password-file")),
                Long.parseLong(p.getProperty("pid", "0"))));
    }

    /** The build the process serving {@code dir} was started for ("" when unknown: an in-process lab, or older). */
    static String readBuild(LabDir dir) throws IOException {
        return endpointProperties(dir).getProperty("build", "");
    }

    private static Properties endpointProperties(LabDir dir) throws IOException {
        Properties p = new Properties();
        if (Files.isRegularFile(dir.endpointFile())) {
            try (var in = Files.newInputStream(dir.endpointFile())) {
                p.load(in);
            }
        }
        return p;
    }

    @Override
    public void close() throws IOException {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        try {
            synchronized (this) {
                if (machines != null) {
                    machines.close();
                }
            }
        } finally {
            api.close();
            world.close();
            Files.deleteIfExists(dir.endpointFile());
            lock.release();
            lockChannel.close();
            SERVED_HERE.remove(dir.path().toAbsolutePath().normalize());
        }
    }
}

package org.heshell.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The lab served by a process of its own, in the background, as a real engine runs whichever client comes or goes.
 * {@link LabProcess} starts it; it stops on `lab stop`, when its lab dir is removed, or after {@link #IDLE_LIMIT_MS}
 * without a single request (like a build daemon: a forgotten lab does not hold memory for ever; its state is kept,
 * and the next shell starts it again). Its output is the lab's log.
 */
public final class LabDaemon {
    static final long IDLE_LIMIT_MS = 3 * 60 * 60 * 1000L;
    private static final long CHECK_MS = 2000;

    private LabDaemon() {
    }

    /** Arguments: the lab dir, hosts and VMs of a new lab, and the clock's speed ("-" keeps the stored one). */
    public static void main(String[] args) throws Exception {
        // Started with setsid where there is one; without it, the terminal's Ctrl-C and hang-up still must not
        // reach a lab that other shells use. SIGTERM still stops it cleanly.
        for (String signal : new String[] {"INT", "HUP"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(signal), s -> { });
            } catch (IllegalArgumentException e) {
                // not a signal on this platform
            }
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        Lab.Settings settings = new Lab.Settings(Integer.parseInt(args[1]), Integer.parseInt(args[2]),
                args[3].equals("-") ? null : Double.valueOf(args[3]));
        Lab.Opened opened;
        try {
            opened = Lab.open(dir, settings);
        } catch (IOException | RuntimeException e) {
            log("cannot serve the lab in " + dir + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        if (!(opened instanceof Lab.Served served)) {
            log("the lab in " + dir + " is served already, by process " + opened.endpoint().pid());
            return;
        }
        Lab lab = served.lab();
        CountDownLatch stop = new CountDownLatch(1);
        lab.serveAsProcess(stop::countDown, new LabDir(dir).logFile());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> close(lab)));
        log("serving the lab in " + dir + " at " + lab.endpoint().apiUrl() + " (process "
                + ProcessHandle.current().pid() + ")");
        String why = null;
        while (why == null) {
            if (stop.await(CHECK_MS, TimeUnit.MILLISECONDS)) {
                why = "lab stop";
            } else if (!Files.isDirectory(dir)) {
                why = "its lab dir was removed";
            } else if (lab.idleMillis() > IDLE_LIMIT_MS) {
                why = "no client asked anything for " + IDLE_LIMIT_MS / 3_600_000 + " hours (its state is kept)";
            }
        }
        log("stopping: " + why);
        close(lab);
        System.exit(0);
    }

    private static void close(Lab lab) {
        try {
            lab.close();
        } catch (IOException | RuntimeException e) {
            log("stopping: " + e.getMessage());
        }
    }

    private static synchronized void log(String line) {
        System.out.println(Instant.now() + " " + line);
        System.out.flush();
    }
}

package org.heshell.lab;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The lab's clock: what is to happen after so many lab seconds, at a speed that may change while it waits. A new
 * speed (another shell's --lab-speed) applies to the migrations under way as well, for what is left of them.
 */
final class LabClock implements AutoCloseable {
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lab-clock");
        t.setDaemon(true);
        return t;
    });
    private final Set<Timer> pending = new HashSet<>();
    private double speed;

    LabClock(double speed) {
        this.speed = speed;
    }

    private final class Timer implements Runnable {
        private final Runnable task;
        private double labSecondsLeft;
        private long startedNanos;
        private ScheduledFuture<?> future;

        Timer(Runnable task, double labSeconds) {
            this.task = task;
            this.labSecondsLeft = labSeconds;
        }

        @Override
        public void run() {
            synchronized (LabClock.this) {
                if (!pending.remove(this)) {
                    return; // rescheduled meanwhile
                }
            }
            task.run(); // outside the clock's lock: the task takes the world's
        }
    }

    synchronized void after(double labSeconds, Runnable task) {
        Timer t = new Timer(task, labSeconds);
        pending.add(t);
        start(t);
    }

    synchronized void setSpeed(double newSpeed) {
        long now = System.nanoTime();
        for (Timer t : pending) {
            t.future.cancel(false);
            t.labSecondsLeft = Math.max(0, t.labSecondsLeft - (now - t.startedNanos) / 1e9 * speed);
        }
        speed = newSpeed;
        pending.forEach(this::start);
    }

    private void start(Timer t) {
        t.startedNanos = System.nanoTime();
        long millis = Math.max(1, Math.round(t.labSecondsLeft * 1000 / speed));
        t.future = timers.schedule(t, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timers.shutdownNow();
    }
}

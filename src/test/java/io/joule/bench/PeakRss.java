package io.joule.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** The highest resident set of a process while it works, sampled every 50 ms from /proc (Linux; -1 elsewhere). */
final class PeakRss implements AutoCloseable {
    private final long pid;
    private final AtomicLong peakMb = new AtomicLong(-1);
    private final Thread sampler;
    private volatile boolean running = true;

    private PeakRss(long pid) {
        this.pid = pid;
        sampler = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "peak-rss-" + pid);
        sampler.setDaemon(true);
        sampler.start();
    }

    static PeakRss of(long pid) {
        return new PeakRss(pid);
    }

    /** The peak so far, in MB. */
    long peakMb() {
        sample();
        return peakMb.get();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }

    private void sample() {
        peakMb.accumulateAndGet(residentMb(pid), Math::max);
    }

    /** VmRSS of the process now, in MB. */
    static long residentMb(long pid) {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        try {
            return Files.readAllLines(status).stream().filter(l -> l.startsWith("VmRSS:"))
                    .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).findFirst().orElse(-1);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}

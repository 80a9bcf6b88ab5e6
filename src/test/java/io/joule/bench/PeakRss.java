package io.joule.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The highest resident set of this JVM while a benchmark runs, sampled every 100 ms from /proc. In a {@code @QuarkusTest}
 * the service and the bench's own client share the JVM, so this is an upper bound on what the service alone holds.
 */
final class PeakRss implements AutoCloseable {
    static final long GOAL_MB = 300;
    private static final Path STATUS = Path.of("/proc/self/status");

    private final AtomicLong peakKb = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    private PeakRss() {
        sampler = new Thread(() -> {
            while (running) {
                peakKb.accumulateAndGet(currentKb(), Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "peak-rss");
        sampler.setDaemon(true);
        sampler.start();
    }

    static PeakRss start() {
        return new PeakRss();
    }

    /** The peak so far, in MB; 0 where /proc is not there to read. */
    long peakMb() {
        peakKb.accumulateAndGet(currentKb(), Math::max);
        return peakKb.get() / 1024;
    }

    String line() {
        long mb = peakMb();
        return String.format("peak RSS of the JVM serving the requests (service and bench client, -Xmx%s): %,d MB, goal <= %d MB: %s",
                maxHeap(), mb, GOAL_MB, mb == 0 ? "not measured (no /proc)" : mb <= GOAL_MB ? "met" : "not met");
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
    }

    private static String maxHeap() {
        return Runtime.getRuntime().maxMemory() / (1024 * 1024) + "m";
    }

    private static long currentKb() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}

package io.joule.problem;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rate-limits outage log lines: at most one per kind per interval, reporting how many were held back, so an
 * outage under load writes a few short lines instead of a stack trace per request.
 */
public final class OutageLog {
    private final long intervalNanos;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public OutageLog(long intervalNanos) {
        this.intervalNanos = intervalNanos;
    }

    /** The line to log for this failure at {@code nowNanos}, or null when one was logged within the interval. */
    public String record(String kind, String detail, long nowNanos) {
        Window w = windows.computeIfAbsent(kind, k -> new Window());
        synchronized (w) {
            if (w.logged && nowNanos - w.lastLogged < intervalNanos) {
                w.suppressed.incrementAndGet();
                return null;
            }
            long held = w.suppressed.getAndSet(0);
            w.logged = true;
            w.lastLogged = nowNanos;
            return kind + ": " + detail + (held == 0 ? "" : " (" + held + " more since the last line)");
        }
    }

    private static final class Window {
        boolean logged;
        long lastLogged;
        final AtomicLong suppressed = new AtomicLong();
    }
}

package io.joule.meter.service;

import io.joule.config.JouleConfig;
import io.joule.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/** At most joule.max-concurrent-imports uploads are received or imported at once; the next gets 503 and Retry-After. */
@ApplicationScoped
public class ImportGate {
    static final int RETRY_AFTER_SECONDS = 5;
    private final Semaphore permits;
    private final int limit;

    public ImportGate(JouleConfig config) {
        this.limit = config.maxConcurrentImports();
        this.permits = new Semaphore(limit);
    }

    public <T> T run(Supplier<T> importing) {
        if (!permits.tryAcquire()) {
            throw ProblemException.unavailable("Already " + limit + " imports in progress (JOULE_MAX_CONCURRENT_IMPORTS); retry later",
                    RETRY_AFTER_SECONDS);
        }
        try {
            return importing.get();
        } finally {
            permits.release();
        }
    }
}

package io.joule.auth.security;

import io.joule.config.DatabaseConfig;
import io.joule.config.JouleConfig;
import io.joule.problem.DatabaseNoAnswer;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Stored, unrevoked keys by hash, remembered for {@code joule.key-cache-ttl} so a request costs no database round trip
 * for its key. A revocation on this instance forgets every entry at once; another instance forgets the key within the
 * TTL. Only found keys are remembered, so guessing keys cannot fill the cache; it holds at most MAX_ENTRIES.
 */
@ApplicationScoped
public class ActiveKeys {
    static final int MAX_ENTRIES = 10_000;
    private static final String FIND = "select id::text, role, subject from api_key where key_hash = $1 and revoked_at is null";

    /** What a stored key grants. */
    public record Grant(String id, String role, String subject) {
    }

    private record Entry(Grant grant, long expiresAt) {
    }

    private final ConcurrentHashMap<String, Entry> byHash = new ConcurrentHashMap<>();
    /** Moves on every revocation: a lookup that overlapped one may have read the key as still active. */
    private final AtomicLong revocations = new AtomicLong();
    private final Pool pool;
    private final long ttlNanos;
    private final LongSupplier clock;
    private final Duration readTimeout;

    @Inject
    public ActiveKeys(Pool pool, JouleConfig config, DatabaseConfig database) {
        this(pool, config.keyCacheTtl(), System::nanoTime, database.readTimeout());
    }

    ActiveKeys(Pool pool, Duration ttl, LongSupplier clock, Duration readTimeout) {
        this.pool = pool;
        this.ttlNanos = ttl.toNanos();
        this.clock = clock;
        this.readTimeout = readTimeout;
    }

    /** The grant of an active key with this hash, or null. */
    public Uni<Grant> find(String keyHash) {
        long now = clock.getAsLong();
        Entry cached = byHash.get(keyHash);
        if (cached != null && cached.expiresAt - now > 0) {
            return Uni.createFrom().item(cached.grant);
        }
        long seen = revocations.get();
        return DatabaseNoAnswer.within(pool.preparedQuery(FIND).execute(Tuple.of(keyHash)), readTimeout).map(rows -> {
            Iterator<Row> it = rows.iterator();
            if (!it.hasNext()) {
                byHash.remove(keyHash);
                return null;
            }
            Row r = it.next();
            Grant grant = new Grant(r.getString(0), r.getString(1), r.getString(2));
            if (ttlNanos > 0 && revocations.get() == seen) {
                if (byHash.size() >= MAX_ENTRIES) {
                    byHash.clear();
                }
                byHash.put(keyHash, new Entry(grant, now + ttlNanos));
            }
            return grant;
        });
    }

    /** Called after a key is revoked here: no cached grant outlives it on this instance. */
    public void forgetAll() {
        revocations.incrementAndGet();
        byHash.clear();
    }
}

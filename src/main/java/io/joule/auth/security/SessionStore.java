package io.joule.auth.security;

import io.joule.dashboard.DashboardConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dashboard sessions in memory, keyed by the SHA-256 of a random token that only the browser's
 * cookie holds. A session remembers the hash of the API key it was opened with, never the key,
 * so every request re-checks that key (a revoked key ends its sessions). Sessions end after
 * {@code joule.dashboard.session-idle-timeout} unused or {@code session-max-age} in all, on
 * sign-out, and on restart (one instance keeps its own sessions).
 */
@ApplicationScoped
public class SessionStore {

    /** What a session knows: the key's hash, and whether it is the configured admin key rather than a stored one. */
    public record Session(String keyHash, boolean configAdmin, Instant opened, Instant expires) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
    private final Duration idle;
    private final Duration maxAge;
    private final int maxSessions;
    private final Clock clock;

    @Inject
    public SessionStore(DashboardConfig config) {
        this(config.sessionIdleTimeout(), config.sessionMaxAge(), config.maxSessions(), Clock.systemUTC());
    }

    public SessionStore(Duration idle, Duration maxAge, int maxSessions, Clock clock) {
        this.idle = idle;
        this.maxAge = maxAge;
        this.maxSessions = maxSessions;
        this.clock = clock;
    }

    /** Opens a session for a key already authenticated, and answers the token for the cookie. */
    public String open(String keyHash, boolean configAdmin) {
        Instant now = clock.instant();
        sessions.values().removeIf(e -> e.expired(now));
        while (sessions.size() >= maxSessions) {
            sessions.entrySet().stream().min(Comparator.comparing(e -> e.getValue().lastSeen))
                    .ifPresent(oldest -> sessions.remove(oldest.getKey()));
        }
        String token = newToken();
        sessions.put(KeyHash.of(token), new Entry(keyHash, configAdmin, now, now));
        return token;
    }

    /** The live session of a token, which counts as a use of it. */
    public Optional<Session> find(String token) {
        if (token == null || token.isEmpty() || token.length() > 200) {
            return Optional.empty();
        }
        String id = KeyHash.of(token);
        Entry entry = sessions.get(id);
        Instant now = clock.instant();
        if (entry == null) {
            return Optional.empty();
        }
        if (entry.expired(now)) {
            sessions.remove(id, entry);
            return Optional.empty();
        }
        entry.lastSeen = now;
        return Optional.of(new Session(entry.keyHash, entry.configAdmin, entry.opened, entry.expiry(now)));
    }

    /** Ends a session; ending an unknown one does nothing. */
    public void close(String token) {
        if (token != null && !token.isEmpty() && token.length() <= 200) {
            sessions.remove(KeyHash.of(token));
        }
    }

    /** 256 random bits, marked js_ so that nobody mistakes a session token for an API key (jk_). */
    static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "js_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** How long a new session's cookie may live. */
    public Duration maxAge() {
        return maxAge;
    }

    private final class Entry {
        final String keyHash;
        final boolean configAdmin;
        final Instant opened;
        volatile Instant lastSeen;

        Entry(String keyHash, boolean configAdmin, Instant opened, Instant lastSeen) {
            this.keyHash = keyHash;
            this.configAdmin = configAdmin;
            this.opened = opened;
            this.lastSeen = lastSeen;
        }

        Instant expiry(Instant now) {
            Instant byIdle = lastSeen.plus(idle);
            Instant byAge = opened.plus(maxAge);
            return byIdle.isBefore(byAge) ? byIdle : byAge;
        }

        boolean expired(Instant now) {
            return !now.isBefore(expiry(now));
        }
    }
}

package io.joule.auth.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Session lifetimes on a clock the test moves. */
class SessionStoreTest {
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovableClock clock = new MovableClock();
    final SessionStore store = new SessionStore(Duration.ofMinutes(30), Duration.ofHours(12), 3, clock);

    @Test
    void aSessionIsKeptByTheHashOfAKeyNeverTheKey() {
        String token = store.open(KeyHash.of("secret-key"), false);
        var session = store.find(token).orElseThrow();
        assertEquals(KeyHash.of("secret-key"), session.keyHash());
        assertEquals(Instant.parse("2026-01-01T00:30:00Z"), session.expires());
        assertNotEquals(token, store.open(KeyHash.of("secret-key"), false), "every sign-in gets its own token");
        assertTrue(store.find("jk_unknown").isEmpty());
        assertTrue(store.find("").isEmpty());
        assertTrue(store.find(null).isEmpty());
    }

    @Test
    void anIdleSessionEndsAfterTheIdleTimeout() {
        String token = store.open("h", false);
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertTrue(store.find(token).isPresent(), "used within 30 minutes");
        clock.now = clock.now.plus(Duration.ofMinutes(29));
        assertTrue(store.find(token).isPresent(), "29 minutes after its last use");
        clock.now = clock.now.plus(Duration.ofMinutes(30));
        assertTrue(store.find(token).isEmpty(), "30 minutes unused");
        clock.now = clock.now.minus(Duration.ofMinutes(30));
        assertTrue(store.find(token).isEmpty(), "an ended session stays ended");
    }

    @Test
    void aBusySessionEndsAtItsMaxAge() {
        String token = store.open("h", false);
        for (int i = 0; i < 47; i++) {
            clock.now = clock.now.plus(Duration.ofMinutes(15));
            assertTrue(store.find(token).isPresent(), "after " + (i + 1) * 15 + " minutes");
        }
        assertEquals(Instant.parse("2026-01-01T12:00:00Z"), store.find(token).orElseThrow().expires());
        clock.now = clock.now.plus(Duration.ofMinutes(15));
        assertTrue(store.find(token).isEmpty(), "12 hours after sign-in");
    }

    @Test
    void closeEndsASessionAndTheLongestIdleGoesWhenFull() {
        String a = store.open("a", false);
        clock.now = clock.now.plusSeconds(1);
        String b = store.open("b", false);
        clock.now = clock.now.plusSeconds(1);
        String c = store.open("c", false);
        store.find(a);
        store.close(c);
        assertTrue(store.find(c).isEmpty());
        store.open("d", false);
        clock.now = clock.now.plusSeconds(1);
        store.open("e", false);
        assertTrue(store.find(b).isEmpty(), "b was the longest idle when the store was full");
        assertTrue(store.find(a).isPresent());
    }
}

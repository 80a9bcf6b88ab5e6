package io.joule.auth.security;

import static io.joule.testing.Api.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.joule.testing.Api;
import io.joule.testing.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Keys are remembered for the TTL: a revocation elsewhere is seen once it runs out, a revocation here at once. */
@QuarkusTest
class ActiveKeysTest {
    @Inject
    Pool pool;

    @Test
    void aKeyRevokedByAnotherInstanceWorksUntilTheTtlRunsOutAndNotAfter() throws Exception {
        String key = Api.issueKey("coordinator", null);
        String hash = KeyHash.of(key);
        AtomicLong now = new AtomicLong(0);
        ActiveKeys keys = new ActiveKeys(pool, Duration.ofSeconds(5), now::get, Duration.ofSeconds(30));
        assertEquals("coordinator", keys.find(hash).await().indefinitely().role());

        Sql.rows("update api_key set revoked_at = now() where key_hash = ? returning id", hash);
        now.set(Duration.ofMillis(4_999).toNanos());
        assertEquals("coordinator", keys.find(hash).await().indefinitely().role(), "still within the TTL");
        now.set(Duration.ofSeconds(5).toNanos());
        assertNull(keys.find(hash).await().indefinitely(), "the TTL ran out: asked the database again");
    }

    @Test
    void aKeyRevokedHereStopsAtOnceThoughItWasJustUsed() throws Exception {
        String key = Api.issueKey("coordinator", null);
        as(key).get("/topusers").then().statusCode(200); // used, so remembered
        String keyId = Sql.rows("select id::text from api_key where key_hash = ?", KeyHash.of(key)).get(0);
        Api.admin().delete("/api-keys/" + keyId).then().statusCode(204);
        as(key).get("/topusers").then().statusCode(401);
    }
}

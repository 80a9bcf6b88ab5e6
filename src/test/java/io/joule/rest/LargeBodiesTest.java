package io.joule.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.joule.problem.ProblemException;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A large body is parsed off the event loop and the request goes on on its own context; a small one at once. */
class LargeBodiesTest {
    static final Vertx VERTX = Vertx.vertx();

    record Seen(boolean parsedOnEventLoop, boolean sameContextAfter, int length) {
    }

    @AfterAll
    static void close() {
        VERTX.close();
    }

    private static Seen parseOnAContext(int length) throws Exception {
        CompletableFuture<Seen> seen = new CompletableFuture<>();
        Context context = VERTX.getOrCreateContext();
        context.runOnContext(ignored -> {
            boolean[] onLoop = new boolean[1];
            LargeBodies.parse(new byte[length], 1024, body -> {
                onLoop[0] = Context.isOnEventLoopThread();
                return body.length;
            }).subscribe().with(n -> seen.complete(new Seen(onLoop[0], Vertx.currentContext() == context, n)), seen::completeExceptionally);
        });
        return seen.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aBodyOverTheLimitIsParsedOffTheEventLoopAndGoesOnOnItsContext() throws Exception {
        assertEquals(new Seen(false, true, 1025), parseOnAContext(1025));
    }

    @Test
    void aBodyUpToTheLimitIsParsedAtOnceOnTheEventLoop() throws Exception {
        assertEquals(new Seen(true, true, 1024), parseOnAContext(1024));
    }

    @Test
    void aLargeBodysProblemIsTheParsersOwn() throws Exception {
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        VERTX.getOrCreateContext().runOnContext(ignored -> LargeBodies.parse(new byte[2048], 1024, body -> {
            throw ProblemException.badRequest("bad body", null);
        }).subscribe().with(n -> failure.complete(null), failure::complete));
        Throwable seen = failure.get(10, TimeUnit.SECONDS);
        assertTrue(seen instanceof ProblemException, String.valueOf(seen));
        assertEquals("bad body", seen.getMessage());
    }

    @Test
    void aSmallBodysProblemIsThrownAtOnce() {
        ProblemException thrown = assertThrows(ProblemException.class,
                () -> LargeBodies.parse(new byte[10], 1024, body -> {
                    throw ProblemException.badRequest("bad body", null);
                }));
        assertEquals("bad body", thrown.getMessage());
    }
}

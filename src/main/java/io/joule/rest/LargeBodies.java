package io.joule.rest;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Parses a request body where it does not hold up other requests. A body up to the caller's limit is parsed at once, on
 * the event loop, where it takes a few milliseconds at most; a larger one (a 10 MB body took seconds) on a worker
 * thread, after which the request goes on on its own Vert.x context, where the pg client and Hibernate Reactive expect
 * it. Nothing about the parse changes: its failures are the same problems. At most {@value #AT_ONCE} large bodies are
 * parsed at once, the others wait their turn: a parse holds its tree (tens of MB for the largest) besides the body.
 */
public final class LargeBodies {
    /**
     * JSON bodies up to this size parse on the event loop (a 5,000-reading ship batch is about 280 KB, 1 – 2 ms); Quarkus
     * REST gathers them there too (quarkus.rest.input-buffer-size, the same 512K).
     */
    public static final int JSON_INLINE_BYTES = 512 * 1024;
    /** CSV rows cost more to check than JSON's (times, names, repeated keys): only small files parse on the event loop. */
    public static final int CSV_INLINE_BYTES = 64 * 1024;

    static final int AT_ONCE = 1;
    private static final ExecutorService PARSERS = Executors.newFixedThreadPool(AT_ONCE, task -> {
        Thread thread = new Thread(task, "joule-large-body");
        thread.setDaemon(true);
        return thread;
    });

    private LargeBodies() {
    }

    public static <T> Uni<T> parse(byte[] body, int inlineBytes, Function<byte[], T> parser) {
        if (body == null || body.length <= inlineBytes) {
            return Uni.createFrom().item(parser.apply(body));
        }
        Context context = Vertx.currentContext();
        Uni<T> parsed = Uni.createFrom().item(() -> parser.apply(body)).runSubscriptionOn(PARSERS);
        return context == null ? parsed : parsed.emitOn(command -> context.runOnContext(ignored -> command.run()));
    }
}

package io.joule.problem;

import io.joule.config.DatabaseConfig;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.ws.rs.GET;
import java.time.Duration;

/**
 * Bounds the answer of a {@link DatabaseTimeout} resource's methods. A database that holds its connections open but
 * answers nothing would otherwise keep each request waiting until the client gave up. A GET changes nothing, so it may
 * stop waiting early; a write given up on may still commit when the server answers again, as after any 503 (re-sending
 * it is safe), so it waits longer, past the statement timeout that a server that does answer applies.
 */
@DatabaseTimeout
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
public class DatabaseTimeoutInterceptor {
    private final Duration readTimeout;
    private final Duration writeTimeout;

    public DatabaseTimeoutInterceptor(DatabaseConfig config) {
        this.readTimeout = config.readTimeout();
        this.writeTimeout = config.writeTimeout();
    }

    @AroundInvoke
    Object bound(InvocationContext call) throws Exception {
        Object answer = call.proceed();
        if (answer instanceof Uni<?> wait) {
            return DatabaseNoAnswer.within(wait, call.getMethod().isAnnotationPresent(GET.class) ? readTimeout : writeTimeout);
        }
        return answer;
    }
}

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
 * Bounds the answer of a {@link ReadTimeout} resource's GET methods. A database that holds its connections open but
 * answers nothing would otherwise keep each read waiting until the client gave up; a GET changes nothing, so it may
 * stop waiting.
 */
@ReadTimeout
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_AFTER)
public class ReadTimeoutInterceptor {
    private final Duration timeout;

    public ReadTimeoutInterceptor(DatabaseConfig config) {
        this.timeout = config.readTimeout();
    }

    @AroundInvoke
    Object bound(InvocationContext call) throws Exception {
        Object answer = call.proceed();
        if (answer instanceof Uni<?> read && call.getMethod().isAnnotationPresent(GET.class)) {
            return DatabaseNoAnswer.within(read, timeout);
        }
        return answer;
    }
}

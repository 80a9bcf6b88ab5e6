package io.joule.problem;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A busy answer tells the client when to come back. */
public class ServiceBusyMapper {

    @ServerExceptionMapper
    public Response busy(ServiceBusyException e, HttpServerRequest request) {
        Response r = ProblemMappers.respond(e.status(), e.title(), e.getMessage(), request, e);
        return Response.fromResponse(r).header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds()).build();
    }
}

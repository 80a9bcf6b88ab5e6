package io.joule.dashboard;

import io.joule.problem.RouteOrder;
import io.vertx.ext.web.Router;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * {@code /dashboard} leads to the page; the page's files get a strict content security policy
 * (scripts and styles only from this origin, no framing), so an injected string cannot run.
 */
@Singleton
public class DashboardRoutes {
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    void install(@Observes Router router) {
        router.routeWithRegex("^/dashboard$").order(RouteOrder.PAGES)
                .handler(ctx -> ctx.response().setStatusCode(301).putHeader("Location", "/dashboard/").end());
        router.routeWithRegex("^/dashboard/(?!session$).*").order(RouteOrder.PAGES).handler(ctx -> {
            ctx.response()
                    .putHeader("Content-Security-Policy", CSP)
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("X-Frame-Options", "DENY")
                    .putHeader("Referrer-Policy", "no-referrer")
                    .putHeader("Cache-Control", "no-cache");
            ctx.next();
        });
    }
}

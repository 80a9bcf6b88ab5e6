package io.joule.health;

import io.joule.config.DatabaseConfig;
import io.joule.problem.DatabaseOutage;
import io.joule.problem.DatabaseOutages;
import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when the database answers a trivial query. Replaces Quarkus's datasource check, whose public body names the
 * database host and port in its error; this one says only the kind of failure, and logs the rest sparingly.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements AsyncHealthCheck {
    static final String NAME = "database";

    private final Pool pool;
    private final DatabaseConfig config;
    private final DatabaseOutages outages;

    public DatabaseReadiness(Pool pool, DatabaseConfig config, DatabaseOutages outages) {
        this.pool = pool;
        this.config = config;
        this.outages = outages;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return pool.query("select 1").execute()
                .ifNoItem().after(config.healthTimeout()).fail()
                .map(rows -> HealthCheckResponse.up(NAME))
                .onFailure().recoverWithItem(failure -> {
                    String kind = DatabaseOutage.kind(failure).orElse("database check failed");
                    outages.note(kind, failure, "readiness");
                    return HealthCheckResponse.named(NAME).down().withData("reason", kind).build();
                });
    }
}

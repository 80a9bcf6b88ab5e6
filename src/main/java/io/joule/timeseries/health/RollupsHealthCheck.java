package io.joule.timeseries.health;

import io.joule.timeseries.service.Rollups;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Says in /q/health which implementation serves statistics and rankings. */
@Liveness
@ApplicationScoped
public class RollupsHealthCheck implements HealthCheck {
    private final Rollups rollups;

    public RollupsHealthCheck(Rollups rollups) {
        this.rollups = rollups;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("statistics").up()
                .withData("implementation", rollups.implementation())
                .withData("served_by", rollups.describe())
                .build();
    }
}

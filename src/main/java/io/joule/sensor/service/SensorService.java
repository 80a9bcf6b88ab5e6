package io.joule.sensor.service;

import io.joule.auth.Role;
import io.joule.auth.service.ApiKeyService;
import io.joule.problem.ProblemException;
import io.joule.sensor.CreatedSensor;
import io.joule.sensor.Sensor;
import io.joule.sensor.SensorScope;
import io.joule.series.SeriesKind;
import io.joule.series.SeriesSpec;
import io.joule.timeseries.repository.TimeSeriesRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneId;
import java.util.UUID;

@ApplicationScoped
public class SensorService {
    private final ApiKeyService keys;
    private final TimeSeriesRepository timeSeries;
    private final Pool pool;

    public SensorService(ApiKeyService keys, TimeSeriesRepository timeSeries, Pool pool) {
        this.keys = keys;
        this.timeSeries = timeSeries;
        this.pool = pool;
    }

    /**
     * Registers the sensor and issues its device key. The series is registered first, on its own
     * (idempotently), so a failed registration leaves at most an unused series behind.
     */
    public Uni<CreatedSensor> create(String sensorId, ZoneId zone, String unit) {
        return Panache.withSession(() -> Sensor.<Sensor>findById(sensorId))
                .invoke(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict("Sensor " + sensorId + " exists");
                    }
                })
                .flatMap(none -> timeSeries.ensureSeries(pool, SeriesSpec.sensor(sensorId, zone)))
                .invoke(series -> {
                    if (!series.zone().equals(zone)) {
                        throw ProblemException.conflict("Sensor " + sensorId + " has readings kept in zone " + series.zone());
                    }
                })
                .flatMap(series -> register(sensorId, series.id(), unit))
                .map(key -> new CreatedSensor(sensorId, zone.getId(), unit, key));
    }

    @WithTransaction
    Uni<String> register(String sensorId, long seriesId, String unit) {
        Sensor sensor = new Sensor();
        sensor.sensorId = sensorId;
        sensor.seriesId = seriesId;
        sensor.unit = unit;
        return sensor.persist().flatMap(s -> keys.issue(Role.DEVICE, SeriesKind.SENSOR.subject(sensorId))).map(k -> k.key());
    }

    /** Links the sensor to the user: again is fine, someone else's is a conflict. */
    @WithTransaction
    public Uni<Sensor> link(String sensorId, UUID user) {
        return Sensor.<Sensor>findById(sensorId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No sensor " + sensorId))
                .invoke(sensor -> {
                    if (sensor.ownerId != null && !sensor.ownerId.equals(user)) {
                        throw ProblemException.conflict("Sensor " + sensorId + " is linked to another account");
                    }
                    sensor.ownerId = user;
                });
    }

    /** Unlinks the sensor: its owner or an admin; to anyone else it does not exist. */
    @WithTransaction
    public Uni<Void> unlink(String sensorId, SensorScope caller) {
        return Sensor.<Sensor>findById(sensorId)
                .invoke(sensor -> {
                    if (sensor == null || !(caller.all() || (caller.owner() != null && caller.owner().equals(sensor.ownerId)))) {
                        throw ProblemException.notFound("No sensor " + sensorId);
                    }
                    sensor.ownerId = null;
                })
                .replaceWithVoid();
    }

    /** The sensor if the caller may see it, else 404. */
    public Uni<Sensor> visible(String sensorId, SensorScope caller) {
        return Panache.withSession(() -> Sensor.<Sensor>findById(sensorId))
                .invoke(sensor -> {
                    if (sensor == null || !caller.sees(sensor)) {
                        throw ProblemException.notFound("No sensor " + sensorId);
                    }
                });
    }
}

package io.joule.sensor.service;

import io.joule.auth.Role;
import io.joule.auth.service.ApiKeyService;
import io.joule.problem.ProblemException;
import io.joule.problem.SqlStates;
import io.joule.user.AppUser;
import io.joule.sensor.CreatedSensor;
import io.joule.sensor.Sensor;
import io.joule.sensor.SensorScope;
import io.joule.series.SeriesKind;
import io.joule.series.SeriesSpec;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneId;
import java.util.UUID;

@ApplicationScoped
public class SensorService {
    private final ApiKeyService keys;

    public SensorService(ApiKeyService keys) {
        this.keys = keys;
    }

    /**
     * Registers the sensor's series, the sensor and its device key in one transaction, so a refused
     * registration leaves nothing behind. A series with this key but no sensor (left by an older
     * version) is adopted with the new zone. A concurrent create of the same id is a 409.
     */
    public Uni<CreatedSensor> create(String sensorId, ZoneId zone, String unit) {
        return register(sensorId, zone, unit)
                .onFailure().transform(SqlStates.conflictOnDuplicate("Sensor " + sensorId + " exists"))
                .map(key -> new CreatedSensor(sensorId, zone.getId(), unit, key));
    }

    private static final String REGISTER_SERIES = """
            insert into series (kind, key, zone, quantity, sampling, max_gap)
            values (?1, ?2, ?3, ?4, ?5, make_interval(secs => ?6))
            on conflict (kind, key) do update set zone = excluded.zone
            where not exists (select 1 from sensor where sensor.series_id = series.id)
            returning id
            """;

    @WithTransaction
    Uni<String> register(String sensorId, ZoneId zone, String unit) {
        SeriesSpec spec = SeriesSpec.sensor(sensorId, zone);
        return Sensor.<Sensor>findById(sensorId)
                .invoke(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict("Sensor " + sensorId + " exists");
                    }
                })
                .flatMap(none -> Panache.getSession())
                .flatMap(session -> session.createNativeQuery(REGISTER_SERIES, Long.class)
                        .setParameter(1, spec.kind().code()).setParameter(2, spec.key()).setParameter(3, zone.getId())
                        .setParameter(4, code(spec.quantity())).setParameter(5, code(spec.sampling()))
                        .setParameter(6, (double) spec.maxGap().toSeconds())
                        .getSingleResultOrNull())
                .flatMap(seriesId -> {
                    if (seriesId == null) {
                        throw ProblemException.conflict("Sensor " + sensorId + " exists");
                    }
                    Sensor sensor = new Sensor();
                    sensor.sensorId = sensorId;
                    sensor.seriesId = seriesId;
                    sensor.unit = unit;
                    return sensor.persist();
                })
                .flatMap(s -> keys.issue(Role.DEVICE, SeriesKind.SENSOR.subject(sensorId))).map(k -> k.key());
    }

    private static String code(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Links the sensor to the user: again is fine, someone else's is a conflict. One conditional
     * update, so of users linking a free sensor at once exactly one wins. A key whose user row
     * does not exist is refused before anything is written.
     */
    @WithTransaction
    public Uni<Sensor> link(String sensorId, UUID user) {
        return AppUser.<AppUser>findById(user)
                .onItem().ifNull().failWith(() -> ProblemException.forbidden("This key's user does not exist; create users with POST /users"))
                .flatMap(u -> Sensor.update("ownerId = ?1 where sensorId = ?2 and (ownerId is null or ownerId = ?1)", user, sensorId))
                .flatMap(updated -> Sensor.<Sensor>findById(sensorId).invoke(sensor -> {
                    if (sensor == null) {
                        throw ProblemException.notFound("No sensor " + sensorId);
                    }
                    if (updated == 0) {
                        throw ProblemException.conflict("Sensor " + sensorId + " is linked to another account");
                    }
                }))
                .onFailure().transform(t -> SqlStates.is(t, SqlStates.FOREIGN_KEY_VIOLATION)
                        ? ProblemException.forbidden("This key's user does not exist; create users with POST /users") : t);
    }

    /**
     * Unlinks the sensor: its owner or an admin; to anyone else it does not exist. One conditional update, as for
     * {@link #link}: a check read before the write let a former owner's late unlink clear the link a new owner had made
     * meanwhile.
     */
    @WithTransaction
    public Uni<Void> unlink(String sensorId, SensorScope caller) {
        Uni<Integer> updated = caller.all()
                ? Sensor.update("ownerId = null where sensorId = ?1", sensorId)
                : caller.owner() == null ? Uni.createFrom().item(0)
                : Sensor.update("ownerId = null where sensorId = ?1 and ownerId = ?2", sensorId, caller.owner());
        return updated.invoke(rows -> {
            if (rows == 0) {
                throw ProblemException.notFound("No sensor " + sensorId);
            }
        }).replaceWithVoid();
    }
}

package io.joule.sensor.repository;

import io.joule.sensor.ConsumptionReport;
import io.joule.sensor.DayReadings;
import io.joule.sensor.SensorScope;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Consumption reports across the sensors a caller may see ($2 all, $3 owner, $4 sensor). */
@ApplicationScoped
public class SensorReportRepository {
    private static final String SCOPE = "($2::bool or s.owner_id = $3::uuid or s.sensor_id = $4::text)";

    private static final String DAILY = """
            select s.sensor_id, d.energy_kwh from sensor s join rollup_daily d on d.series_id = s.series_id and d.day = $1
            where """ + SCOPE + " order by s.sensor_id";

    private static final String READINGS = """
            select s.sensor_id, r.value, r.ts from sensor s join series se on se.id = s.series_id
            join reading r on r.series_id = s.series_id
             and r.ts >= ($1::date)::timestamp at time zone se.zone and r.ts < ($1::date + 1)::timestamp at time zone se.zone
            where """ + SCOPE + " order by s.sensor_id, r.ts";

    private final Pool pool;

    public SensorReportRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<ConsumptionReport>> consumption(LocalDate day, SensorScope scope) {
        return pool.preparedQuery(DAILY).execute(args(day, scope)).map(rows -> {
            List<ConsumptionReport> out = new ArrayList<>(rows.size());
            rows.forEach(r -> out.add(new ConsumptionReport(r.getString(0), day, r.getDouble(1))));
            return out;
        });
    }

    public Uni<List<DayReadings>> readings(LocalDate day, SensorScope scope) {
        return pool.preparedQuery(READINGS).execute(args(day, scope)).map(rows -> {
            Map<String, List<DayReadings.Level>> bySensor = new LinkedHashMap<>();
            for (Row r : rows) {
                bySensor.computeIfAbsent(r.getString(0), k -> new ArrayList<>())
                        .add(new DayReadings.Level(r.getDouble(1), r.getOffsetDateTime(2).toInstant()));
            }
            return bySensor.entrySet().stream().map(e -> new DayReadings(e.getKey(), day, e.getValue())).toList();
        });
    }

    private static Tuple args(LocalDate day, SensorScope scope) {
        return Tuple.of(day, scope.all(), scope.owner(), scope.sensorId());
    }
}

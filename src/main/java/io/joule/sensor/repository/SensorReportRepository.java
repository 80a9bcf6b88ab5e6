package io.joule.sensor.repository;

import io.joule.sensor.ConsumptionReport;
import io.joule.sensor.DayReadings;
import io.joule.sensor.SensorConsumption;
import io.joule.sensor.SensorDay;
import io.joule.sensor.SensorScope;
import io.joule.problem.ProblemException;
import io.joule.timeseries.DailyRollup;
import io.joule.timeseries.RollupStore;
import io.joule.timeseries.SeriesDays;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import io.joule.time.Zones;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Consumption reports across the sensors a caller may see ($1 all, $2 owner, $3 sensor). */
@ApplicationScoped
public class SensorReportRepository {
    private static final String SENSORS = """
            select s.sensor_id, s.series_id, se.zone, row_number() over (order by s.sensor_id) as ord
            from sensor s join series se on se.id = s.series_id
            where $1::bool or s.owner_id = $2::uuid or s.sensor_id = $3::text order by s.sensor_id""";

    /** One sensor, if the caller may see it ($4 the sensor id); its days are read with it (see SeriesDays). */
    private static final String SENSOR = """
            select s.series_id, s.unit, se.zone, 1 as ord from sensor s join series se on se.id = s.series_id
            where s.sensor_id = $4::text and ($1::bool or s.owner_id = $2::uuid or s.sensor_id = $3::text)""";

    /** Each sensor's readings in its own local day, whose UTC bounds come from Java (see Zones). */
    private static final String READINGS = """
            select q.sensor_id, r.value, r.ts
            from unnest($1::text[], $2::bigint[], $3::timestamptz[], $4::timestamptz[]) as q(sensor_id, series_id, day_start, day_end)
            join reading r on r.series_id = q.series_id and r.ts >= q.day_start and r.ts < q.day_end
            order by q.sensor_id, r.ts
            """;

    private final Pool pool;
    private final RollupStore rollups;

    public SensorReportRepository(Pool pool, RollupStore rollups) {
        this.pool = pool;
        this.rollups = rollups;
    }

    /** The sensor's daily consumption over the local days from..to (inclusive); 404 unless the caller sees the sensor. */
    public Uni<SensorConsumption> days(String sensorId, SensorScope scope, LocalDate from, LocalDate to) {
        return rollups.daily(pool, SENSOR, args(scope).addString(sensorId), from, to).map(found -> {
            if (found.isEmpty()) {
                throw ProblemException.notFound("No sensor " + sensorId);
            }
            SeriesDays<DailyRollup> sensor = found.get(0);
            return new SensorConsumption(sensor.series().getString("unit"), sensor.days().stream()
                    .map(d -> new SensorDay(d.date(), d.start(), d.end(), d.energyKwh())).toList());
        });
    }

    /** The day's consumption of each visible sensor that has slots that day, from the daily statistics, by sensor id. */
    public Uni<List<ConsumptionReport>> consumption(LocalDate day, SensorScope scope) {
        return rollups.daily(pool, SENSORS, args(scope), day, day).map(found -> found.stream()
                .filter(s -> !s.days().isEmpty())
                .map(s -> new ConsumptionReport(s.series().getString("sensor_id"), day, s.days().get(0).energyKwh()))
                .toList());
    }

    public Uni<List<DayReadings>> readings(LocalDate day, SensorScope scope) {
        return pool.preparedQuery(SENSORS).execute(args(scope)).flatMap(sensors -> {
            int n = sensors.size();
            String[] ids = new String[n];
            Long[] series = new Long[n];
            OffsetDateTime[] starts = new OffsetDateTime[n];
            OffsetDateTime[] ends = new OffsetDateTime[n];
            int i = 0;
            for (Row r : sensors) {
                Zones.Days days = Zones.days(Zones.canonical(ZoneId.of(r.getString(2))), day, day);
                ids[i] = r.getString(0);
                series[i] = r.getLong(1);
                starts[i] = days.start();
                ends[i++] = days.end();
            }
            return pool.preparedQuery(READINGS).execute(Tuple.of(ids, series, starts, ends));
        }).map(rows -> {
            Map<String, List<DayReadings.Level>> bySensor = new LinkedHashMap<>();
            for (Row r : rows) {
                bySensor.computeIfAbsent(r.getString(0), k -> new ArrayList<>())
                        .add(new DayReadings.Level(r.getDouble(1), r.getOffsetDateTime(2).toInstant()));
            }
            return bySensor.entrySet().stream().map(e -> new DayReadings(e.getKey(), day, e.getValue())).toList();
        });
    }

    private static Tuple args(SensorScope scope) {
        return Tuple.of(scope.all(), scope.owner(), scope.sensorId());
    }
}

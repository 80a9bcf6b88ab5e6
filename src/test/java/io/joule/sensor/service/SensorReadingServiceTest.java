package io.joule.sensor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.joule.pipeline.Reading;
import io.joule.problem.ProblemException;
import io.joule.sensor.rest.SensorResourceTest;
import io.joule.testing.Sql;
import io.joule.timeseries.RollupStore;
import io.joule.timeseries.WriteMemory;
import io.joule.timeseries.repository.TimeSeriesRepository;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SensorReadingServiceTest {
    @Inject
    Pool pool;
    @Inject
    TimeSeriesRepository timeSeries;
    @Inject
    RollupStore rollups;
    @Inject
    SensorReadingService service;

    @Test
    void levelsAmongMoreStoredLevelsThanTheLimitAreA413() {
        SensorReadingService service = new SensorReadingService(pool, timeSeries, rollups, new WriteMemory(), 5);
        String sensor = SensorResourceTest.sensor("UTC")[0];
        Instant slot = Instant.parse("2020-07-10T10:00:00Z");
        assertEquals(3, service.write(Map.of(sensor, List.of(new Reading(slot, 1), new Reading(slot.plusSeconds(1), 2),
                new Reading(slot.plusSeconds(2), 3)))).await().atMost(Duration.ofSeconds(30)));
        // three more in the same slot: its six levels are read back to recompute it
        ProblemException refused = assertThrows(ProblemException.class, () -> service.write(Map.of(sensor, List.of(
                new Reading(slot.plusSeconds(3), 4), new Reading(slot.plusSeconds(4), 5), new Reading(slot.plusSeconds(5), 6))))
                .await().atMost(Duration.ofSeconds(30)));
        assertEquals(413, refused.status());
        assertEquals("These levels lie among more than 5 stored levels of sensor " + sensor + "; send fewer levels a slot",
                refused.getMessage());
    }

    /**
     * A write's consumption slots feed the rollups wholly inside its ranges directly. Four days of levels every 5 minutes
     * (refills included) over Berlin's autumn day, written in parts latest first, have to the last bit the hourly and daily
     * rows of the same levels written at once.
     */
    @Test
    void levelsWrittenInPartsHaveTheRollupRowsOfOneWrite() throws Exception {
        Random random = new Random(7);
        List<Reading> levels = new ArrayList<>();
        double level = 50;
        for (Instant t = Instant.parse("2024-10-25T21:35:00Z"); t.isBefore(Instant.parse("2024-10-29T21:35:00Z")); t = t.plusSeconds(300)) {
            level = random.nextInt(40) == 0 ? 50 : level + random.nextInt(70) / 7.0;
            levels.add(new Reading(t, level));
        }
        String atOnce = SensorResourceTest.sensor("Europe/Berlin")[0];
        String inParts = SensorResourceTest.sensor("Europe/Berlin")[0];
        service.write(Map.of(atOnce, levels)).await().atMost(Duration.ofSeconds(30));
        for (int to = levels.size(); to > 0; ) {
            int from = Math.max(0, to - 50 - random.nextInt(400));
            service.write(Map.of(inParts, levels.subList(from, to))).await().atMost(Duration.ofSeconds(30));
            to = from;
        }
        if (!"postgresql".equals(rollups.implementation())) {
            return; // the rollup tables are kept only where they serve
        }
        String hourly = "select bucket_start, energy_kwh, min_kwh, max_kwh, slots from rollup_hourly "
                + "where series_id = (select id from series where kind = 'sensor' and key = ?) order by 1";
        String daily = "select day, bucket_start, bucket_end, energy_kwh, min_kwh, max_kwh, slots from rollup_daily "
                + "where series_id = (select id from series where kind = 'sensor' and key = ?) order by 1";
        assertEquals(97, Sql.rows(hourly, atOnce).size(), "UTC hours 2024-10-25T21:00 to 2024-10-29T21:00");
        assertEquals(List.of("2024-10-27|2024-10-26 22:00:00+00|2024-10-27 23:00:00+00|100"), Sql.rows("select day, bucket_start, "
                + "bucket_end, slots from rollup_daily where series_id = (select id from series where kind = 'sensor' and key = ?) "
                + "and day = '2024-10-27'", atOnce), "the 25-hour day");
        assertEquals(Sql.rows(hourly, atOnce), Sql.rows(hourly, inParts), "hourly rows");
        assertEquals(Sql.rows(daily, atOnce), Sql.rows(daily, inParts), "daily rows");
    }
}

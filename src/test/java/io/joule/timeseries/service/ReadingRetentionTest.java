package io.joule.timeseries.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.joule.pipeline.Quantity;
import io.joule.pipeline.Reading;
import io.joule.pipeline.Sampling;
import io.joule.series.SeriesKind;
import io.joule.series.SeriesSpec;
import io.joule.testing.Sql;
import io.joule.timeseries.RetentionConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Retention deletes only the configured kind's raw readings past the age, and keeps their slots. */
@QuarkusTest
class ReadingRetentionTest {
    @Inject
    TimeSeriesWriter writer;
    @Inject
    Pool pool;
    @Inject
    Rollups rollups;

    static RetentionConfig config(Map<String, Duration> readings) {
        return new RetentionConfig() {
            @Override
            public Map<String, Duration> readings() {
                return readings;
            }

            @Override
            public String interval() {
                return "1h";
            }
        };
    }

    @Test
    void deletesOnlyTheConfiguredKindsOldReadingsAndKeepsSlots() throws Exception {
        long ship = 770_000_000L + new Random().nextInt(1_000_000);
        // 1800 is older than the 200 years configured; 2100 is not. No other test writes ships there.
        List<Reading> readings = List.of(new Reading(Instant.parse("1800-01-01T00:00:00Z"), 4.0),
                new Reading(Instant.parse("1800-01-01T00:15:00Z"), 4.0));
        long shipId = writer.write(SeriesSpec.ship(ship, Quantity.POWER), readings).await().atMost(Duration.ofSeconds(30)).seriesId();
        writer.write(SeriesSpec.ship(ship, Quantity.POWER), List.of(new Reading(Instant.parse("2100-01-01T00:00:00Z"), 4.0)))
                .await().atMost(Duration.ofSeconds(30));
        long meterId = writer.write(new SeriesSpec(SeriesKind.METER, "retention-" + ship, ZoneOffset.UTC, Quantity.POWER, Sampling.REGULAR, Duration.ofHours(1)), readings)
                .await().atMost(Duration.ofSeconds(30)).seriesId();
        List<String> shipSlots = Sql.rows("select slot_start, kwh from slot_15m where series_id = ? order by 1", shipId);

        long deleted = new ReadingRetention(pool, config(Map.of("ship", Duration.ofDays(365L * 200))), rollups).apply()
                .await().atMost(Duration.ofSeconds(30));

        assertTrue(deleted >= 2, "deleted " + deleted);
        assertEquals(List.of("2100"), Sql.rows("select extract(year from ts)::int from reading where series_id = ? order by ts", shipId));
        assertEquals(List.of("1800", "1800"), Sql.rows("select extract(year from ts)::int from reading where series_id = ? order by ts", meterId));
        assertEquals(shipSlots, Sql.rows("select slot_start, kwh from slot_15m where series_id = ? order by 1", shipId), "slots kept");
    }

    @Test
    void anUnknownKindOrANonPositiveAgeStopsTheStart() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> new ReadingRetention(pool, config(Map.of("boat", Duration.ofDays(1))), rollups).onStart(null));
        assertEquals("joule.retention.readings.boat: no such series kind; one of [ship, meter, sensor, asset, grid]", unknown.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> new ReadingRetention(pool, config(Map.of("meter", Duration.ZERO)), rollups).onStart(null));
        assertEquals("joule.retention.readings.meter must be a positive duration", zero.getMessage());
    }

    @Test
    void meterRetentionStopsTheStartOnlyWhereTheAggregatesServeMeterStatistics() {
        ReadingRetention meter = new ReadingRetention(pool, config(Map.of("meter", Duration.ofDays(400))), rollups);
        if ("timescaledb".equals(rollups.implementation())) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> meter.onStart(null));
            assertTrue(refused.getMessage().startsWith("joule.retention.readings.meter is not supported on TimescaleDB"), refused.getMessage());
        } else {
            assertDoesNotThrow(() -> meter.onStart(null));
        }
    }

    @Test
    void withNothingConfiguredNothingIsDeleted() {
        assertEquals(0L, new ReadingRetention(pool, config(Map.of()), rollups).apply().await().atMost(Duration.ofSeconds(30)));
    }
}

package io.joule.sensor.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.joule.pipeline.Reading;
import io.joule.problem.ProblemException;
import io.joule.sensor.rest.SensorResourceTest;
import io.joule.timeseries.RollupStore;
import io.joule.timeseries.repository.TimeSeriesRepository;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SensorReadingServiceTest {
    @Inject
    Pool pool;
    @Inject
    TimeSeriesRepository timeSeries;
    @Inject
    RollupStore rollups;

    @Test
    void levelsAmongMoreStoredLevelsThanTheLimitAreA413() {
        SensorReadingService service = new SensorReadingService(pool, timeSeries, rollups, new io.joule.timeseries.WriteMemory(), 5);
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
}

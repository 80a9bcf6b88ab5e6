package io.joule.timeseries.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.joule.pipeline.Reading;
import io.joule.problem.ProblemException;
import io.joule.series.SeriesSpec;
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
import org.junit.jupiter.api.Test;

/** A write refuses, with a 413 and nothing stored, what it would otherwise hold in memory without bound. */
@QuarkusTest
class TimeSeriesWriterLimitsTest {
    @Inject
    Pool pool;
    @Inject
    TimeSeriesRepository repository;
    @Inject
    RollupStore rollups;

    @Test
    void aBatchAmongMoreStoredReadingsThanTheLimitIsA413() throws Exception {
        TimeSeriesWriter writer = new TimeSeriesWriter(pool, repository, rollups, new WriteMemory(1_000_000), 1_000, 10);
        SeriesSpec spec = RollupConsistencyTest.meter("UTC");
        List<Reading> day = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            day.add(new Reading(Instant.parse("2024-06-01T00:00:00Z").plusSeconds(900L * i), 4));
        }
        long id = writer.write(spec, day).await().atMost(Duration.ofSeconds(30)).seriesId();
        // one reading among them: its context, 00:00 to 06:00, holds all 24
        ProblemException refused = assertThrows(ProblemException.class, () -> writer.write(spec,
                List.of(new Reading(Instant.parse("2024-06-01T03:00:00Z"), 8))).await().atMost(Duration.ofSeconds(30)));
        assertEquals(413, refused.status());
        assertEquals("This batch's readings lie among more than 10 stored readings of the series; send it in parts spanning less time",
                refused.getMessage());
        assertEquals(List.of("24|96"), Sql.rows("select count(*), sum(value) from reading where series_id = ?", id), "nothing stored");
    }

    @Test
    void aBatchOverTheSlotLimitIsA413() {
        TimeSeriesWriter writer = new TimeSeriesWriter(pool, repository, rollups, new WriteMemory(1_000_000), 10, 1_000);
        List<Reading> hours = List.of(new Reading(Instant.parse("2024-06-01T00:00:00Z"), 4), new Reading(Instant.parse("2024-06-01T01:00:00Z"), 4),
                new Reading(Instant.parse("2024-06-01T02:00:00Z"), 4));
        // three hourly readings cover 12 slots
        ProblemException refused = assertThrows(ProblemException.class,
                () -> writer.write(RollupConsistencyTest.meter("UTC"), hours).await().atMost(Duration.ofSeconds(30)));
        assertEquals(413, refused.status());
        assertEquals(12, new TimeSeriesWriter(pool, repository, rollups, new WriteMemory(1_000_000), 12, 1_000).write(RollupConsistencyTest.meter("UTC"), hours)
                .await().atMost(Duration.ofSeconds(30)).slotsWritten());
    }

    @Test
    void aWriteWhileOthersHoldTheMemoryIsA503AndStoresNothingThenSucceeds() throws Exception {
        WriteMemory memory = new WriteMemory(100);
        TimeSeriesWriter writer = new TimeSeriesWriter(pool, repository, rollups, memory, 1_000, 1_000);
        SeriesSpec spec = RollupConsistencyTest.meter("UTC");
        List<Reading> day = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            day.add(new Reading(Instant.parse("2024-06-01T00:00:00Z").plusSeconds(900L * i), 4));
        }
        // the readings' slots with their reach (36 items) fit; later, 24 stored readings and the slots around one more do too
        long id = writer.write(spec, day).await().atMost(Duration.ofSeconds(30)).seriesId();
        assertEquals(100, memory.free(), "given back");
        WriteMemory.Lease others = memory.lease();
        others.take(90);
        ProblemException refused = assertThrows(ProblemException.class, () -> writer.write(spec,
                List.of(new Reading(Instant.parse("2024-06-01T03:00:00Z"), 8))).await().atMost(Duration.ofSeconds(30)));
        assertEquals(503, refused.status());
        assertEquals(1L, refused.retryAfterSeconds());
        assertEquals("Concurrent writes hold as many readings and slots in memory as this instance allows; retry shortly", refused.getMessage());
        assertEquals(10, memory.free(), "the refused write gave back what it took");
        assertEquals(List.of("24|96"), Sql.rows("select count(*), sum(value) from reading where series_id = ?", id), "nothing stored");
        others.close();
        writer.write(spec, List.of(new Reading(Instant.parse("2024-06-01T03:00:00Z"), 8))).await().atMost(Duration.ofSeconds(30));
        assertEquals(List.of("24|100"), Sql.rows("select count(*), sum(value) from reading where series_id = ?", id));
        assertEquals(100, memory.free());
    }

    @Test
    void aWriteThatAloneWouldHoldMoreThanTheMemoryIsA413() {
        TimeSeriesWriter writer = new TimeSeriesWriter(pool, repository, rollups, new WriteMemory(10), 1_000, 1_000);
        List<Reading> hours = List.of(new Reading(Instant.parse("2024-06-01T00:00:00Z"), 4), new Reading(Instant.parse("2024-06-01T01:00:00Z"), 4),
                new Reading(Instant.parse("2024-06-01T02:00:00Z"), 4));
        ProblemException refused = assertThrows(ProblemException.class,
                () -> writer.write(RollupConsistencyTest.meter("UTC"), hours).await().atMost(Duration.ofSeconds(30)));
        assertEquals(413, refused.status());
        assertEquals("This write would hold more than 10 readings and slots in memory at once; send it in parts spanning less time",
                refused.getMessage());
    }
}

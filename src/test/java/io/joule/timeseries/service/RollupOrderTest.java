package io.joule.timeseries.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.joule.pipeline.Quantity;
import io.joule.pipeline.Reading;
import io.joule.pipeline.Sampling;
import io.joule.series.SeriesKind;
import io.joule.series.SeriesSpec;
import io.joule.pipeline.TimeRange;
import io.joule.timeseries.RollupStore;
import io.joule.timeseries.WriteSummary;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Issue 9 item 8: hourly and daily rollups are bit-identical whatever the order and split of the batches. */
@QuarkusTest
class RollupOrderTest {
    @Inject
    TimeSeriesWriter writer;
    @Inject
    RollupStore store;
    @Inject
    Pool pool;
    @Inject
    Rollups served;
    @Inject
    AggregateRefresher refresher;

    static SeriesSpec series() {
        return new SeriesSpec(SeriesKind.METER, "order-" + UUID.randomUUID(), ZoneId.of("Asia/Kathmandu"), Quantity.ENERGY,
                Sampling.REGULAR, Duration.ofHours(1));
    }

    long write(SeriesSpec spec, List<Reading> sorted) {
        WriteSummary summary = writer.write(spec, sorted).await().atMost(Duration.ofSeconds(60));
        return summary.seriesId();
    }

    /**
     * Each daily and hourly statistic as served (rollup tables or continuous aggregates, whichever this database has),
     * with every bit of the double, in bucket order.
     */
    List<String> rollups(long seriesId) {
        ZoneId zone = series().zone();
        List<String> out = new ArrayList<>();
        store.daily(pool, seriesId, zone, LocalDate.of(2024, 2, 28), LocalDate.of(2024, 3, 15)).await().atMost(Duration.ofSeconds(30))
                .forEach(d -> out.add("d" + d.date() + "=" + exact(d.energyKwh()) + "/" + exact(d.minKwh()) + "/" + exact(d.maxKwh())));
        store.hourly(pool, seriesId, new TimeRange(Instant.parse("2024-02-28T00:00:00Z"), Instant.parse("2024-03-15T00:00:00Z")))
                .await().atMost(Duration.ofSeconds(30))
                .forEach(h -> out.add("h" + h.hour() + "=" + exact(h.kwh())));
        return out;
    }

    private static String exact(double v) {
        return Long.toHexString(Double.doubleToRawLongBits(v));
    }

    @Test
    void rollupsAreBitIdenticalWhateverTheBatchOrder() {
        Random random = new Random(9);
        List<Reading> all = new ArrayList<>();
        Instant origin = Instant.parse("2024-03-01T00:00:00Z");
        for (int i = 0; i < 12 * 24 * 12; i++) { // every 5 minutes for 12 days, values with all 53 bits in use
            all.add(new Reading(origin.plusSeconds(300L * i), random.nextDouble() * 10 / 3));
        }
        long whole = write(series(), all);
        List<String> expected = rollups(whole);
        assertEquals(13 + 12 * 24, expected.size(), "13 local days in +05:45 and 288 hours");

        for (int trial = 0; trial < 3; trial++) {
            SeriesSpec spec = series();
            List<List<Reading>> batches = new ArrayList<>();
            for (int from = 0; from < all.size(); ) {
                int size = 1 + random.nextInt(300);
                batches.add(all.subList(from, Math.min(all.size(), from + size)));
                from += size;
            }
            List<List<Reading>> resent = new ArrayList<>(batches);
            for (int i = 0; i < batches.size() / 2; i++) { // overlapping re-sends move the rows around in the tables
                int a = random.nextInt(all.size() - 500);
                resent.add(all.subList(a, a + 1 + random.nextInt(500)));
            }
            Collections.shuffle(resent, random);
            long id = 0;
            for (List<Reading> batch : resent) {
                id = write(spec, batch);
            }
            assertEquals(expected, rollups(id), "trial " + trial);
        }
        if (served.aggregatesPresent()) {
            // Read above from the raw slots of pending buckets; now from the materialized aggregates: the same bits.
            refresher.refreshAll().await().atMost(Duration.ofMinutes(2));
            assertEquals(expected, rollups(whole), "materialized");
        }
    }
}

package io.joule.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.joule.pipeline.TimeRange;
import io.joule.ship.TopUsers;
import io.joule.ship.repository.ShipRollupRepository;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Top users over a year of 1,000 ships: from rollups against the same ranking from raw slots. */
@QuarkusTest
class TopUsersBench {
    static final int SHIPS = 1000;
    static final int RUNS = 3;
    static final long FIRST_KEY = 700_000_000L;

    @Inject
    ShipRollupRepository rankings;

    @Test
    void rollupsAgainstRawSlots() throws Exception {
        long loadStart = System.nanoTime();
        try (Connection c = BenchSupport.connect()) {
            var sql = c.createStatement();
            sql.execute("insert into series (kind, key, zone, quantity, sampling, max_gap) select 'ship', (" + FIRST_KEY
                    + " + i)::text, 'UTC', 'energy', 'regular', interval '1 hour' from generate_series(1, " + SHIPS + ") i");
            sql.execute("""
                    insert into slot_15m (series_id, slot_start, kwh)
                    select s.id, t, 1 + (s.id %% 97) / 10.0 + ((extract(epoch from t) / 900)::bigint %% 7) / 10.0
                    from series s cross join generate_series(timestamptz '2093-01-01 00:00:00+00', timestamptz '2093-12-31 23:45:00+00', interval '15 minutes') t
                    where s.kind = 'ship' and s.key::bigint > %d""".formatted(FIRST_KEY));
            sql.execute("""
                    insert into rollup_hourly (series_id, bucket_start, energy_kwh, min_kwh, max_kwh, slots)
                    select series_id, date_bin('1 hour', slot_start, timestamptz '2000-01-01 00:00:00+00'), sum(kwh), min(kwh), max(kwh), count(*)
                    from slot_15m where slot_start >= '2093-01-01' group by 1, 2""");
            sql.execute("""
                    insert into rollup_daily (series_id, day, bucket_start, bucket_end, energy_kwh, min_kwh, max_kwh, slots)
                    select series_id, (slot_start at time zone 'UTC')::date, min(date_trunc('day', slot_start at time zone 'UTC')) at time zone 'UTC',
                           min(date_trunc('day', slot_start at time zone 'UTC')) at time zone 'UTC' + interval '1 day',
                           sum(kwh), min(kwh), max(kwh), count(*)
                    from slot_15m where slot_start >= '2093-01-01' group by 1, 2""");
            // What autovacuum does for historical data: statistics and a current visibility map.
            sql.execute("vacuum analyze");
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;

        TimeRange window = new TimeRange(Instant.parse("2093-01-01T05:15:00Z"), Instant.parse("2093-12-30T19:45:00Z"));
        double[] rollup = new double[RUNS];
        double[] raw = new double[RUNS];
        List<TopUsers.Ship> fromRollups = null;
        List<TopUsers.Ship> fromSlots = null;
        for (int i = 0; i < RUNS; i++) {
            fromRollups = BenchSupport.time(rollup, i, () -> rankings.top(window, 10).await().atMost(Duration.ofMinutes(5)));
            fromSlots = BenchSupport.time(raw, i, () -> rankings.topFromSlots(window, 10).await().atMost(Duration.ofMinutes(5)));
        }
        assertEquals(fromSlots.stream().map(TopUsers.Ship::spaceshipId).toList(),
                fromRollups.stream().map(TopUsers.Ship::spaceshipId).toList(), "same ranking");
        for (int i = 0; i < fromSlots.size(); i++) {
            assertEquals(fromSlots.get(i).consumption(), fromRollups.get(i).consumption(), 1e-9 * fromSlots.get(i).consumption());
        }
        double r = BenchSupport.median(rollup);
        double s = BenchSupport.median(raw);
        System.out.printf("%n== Top users benchmark (%s) ==%n", BenchSupport.machine());
        System.out.printf("%d ships x one year of 15-minute slots (%,d slots), loaded in %.0f s; window %s .. %s, top 10%n",
                SHIPS, SHIPS * 35040L, loadSeconds, window.from(), window.to());
        System.out.printf("%-44s %12s%n", "path", "median ms");
        System.out.printf("%-44s %12.1f%n", "GET /topusers query (days+hours+edge slots)", r * 1000);
        System.out.printf("%-44s %12.1f%n", "same ranking from raw slots (baseline)", s * 1000);
        System.out.printf("speed-up = %.1fx (goal >= 10x); rankings identical, totals within 1e-9%n%n", s / r);
    }
}

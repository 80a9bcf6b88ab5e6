package io.joule.ship.repository;

import static io.joule.time.Timestamps.utc;

import io.joule.pipeline.TimeRange;
import io.joule.ship.RankingWindow;
import io.joule.ship.TopUsers;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/** Reads ship rollups: daily statistics and consumption rankings. */
@ApplicationScoped
public class ShipRollupRepository {

    /**
     * Per ship: whole UTC days from rollup_daily ($1..$2), whole hours from rollup_hourly
     * ($3..$4, $5..$6) and edge slots from slot_15m ($7..$8, $9..$10). Each part is its own index
     * range scan per ship (an OR of ranges would scan the ship's whole history). Ships are UTC series, so their days are UTC days. Totals are ranked at
     * a resolution of 1 mWh (6 decimals of kWh), so that floating-point summation order cannot break a real tie.
     */
    private static final String TOP = """
            select ship, total from (
            select s.key::bigint as ship, coalesce(d.e, 0) + coalesce(h1.e, 0) + coalesce(h2.e, 0) + coalesce(x1.e, 0) + coalesce(x2.e, 0) as total,
                   d.e is not null or h1.e is not null or h2.e is not null or x1.e is not null or x2.e is not null as has_data
            from series s
            cross join lateral (select sum(energy_kwh) as e from rollup_daily
                                where series_id = s.id and day >= $1 and day < $2) d
            cross join lateral (select sum(energy_kwh) as e from rollup_hourly
                                where series_id = s.id and bucket_start >= $3 and bucket_start < $4) h1
            cross join lateral (select sum(energy_kwh) as e from rollup_hourly
                                where series_id = s.id and bucket_start >= $5 and bucket_start < $6) h2
            cross join lateral (select sum(kwh) as e from slot_15m
                                where series_id = s.id and slot_start >= $7 and slot_start < $8) x1
            cross join lateral (select sum(kwh) as e from slot_15m
                                where series_id = s.id and slot_start >= $9 and slot_start < $10) x2
            where s.kind = 'ship') ranked
            where has_data
            order by round(total::numeric, 6) desc, ship asc
            limit $11
            """;

    private static final String FIRST_SLOT = """
            select min(f.slot_start) from series s
            cross join lateral (select slot_start from slot_15m where series_id = s.id order by slot_start limit 1) f
            where s.kind = 'ship'
            """;

    /** The same ranking from raw slots only: the benchmark's baseline and the tests' referee. */
    private static final String TOP_FROM_SLOTS = """
            select s.key::bigint as ship, sum(kwh) as total from series s join slot_15m x on x.series_id = s.id
            where s.kind = 'ship' and x.slot_start >= $1 and x.slot_start < $2
            group by s.key order by round(sum(kwh)::numeric, 6) desc, ship asc limit $3
            """;

    private final Pool pool;

    public ShipRollupRepository(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<TopUsers.Ship>> top(TimeRange window, int count) {
        RankingWindow parts = RankingWindow.of(window);
        Tuple args = Tuple.tuple();
        TimeRange days = parts.days().isEmpty() ? null : parts.days().get(0);
        args.addValue(days == null ? LocalDate.EPOCH : utc(days.from()).toLocalDate());
        args.addValue(days == null ? LocalDate.EPOCH : utc(days.to()).toLocalDate());
        addRanges(args, parts.hours());
        addRanges(args, parts.slots());
        args.addValue(count);
        return pool.preparedQuery(TOP).execute(args).map(ShipRollupRepository::ships);
    }

    public Uni<List<TopUsers.Ship>> topFromSlots(TimeRange window, int count) {
        return pool.preparedQuery(TOP_FROM_SLOTS).execute(Tuple.of(utc(window.from()), utc(window.to()), count))
                .map(ShipRollupRepository::ships);
    }

    /** The start of the earliest slot of any ship, or null when there is none. */
    public Uni<Instant> firstSlot() {
        return pool.query(FIRST_SLOT).execute().map(rows -> {
            OffsetDateTime first = rows.iterator().next().getOffsetDateTime(0);
            return first == null ? null : first.toInstant();
        });
    }

    private static List<TopUsers.Ship> ships(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<TopUsers.Ship> out = new ArrayList<>(rows.size());
        rows.forEach(r -> out.add(new TopUsers.Ship(r.getLong("ship"), r.getDouble("total"))));
        return out;
    }

    /** Two ranges as four bounds; a missing range is an empty one. */
    private static void addRanges(Tuple args, List<TimeRange> ranges) {
        for (int i = 0; i < 2; i++) {
            TimeRange r = i < ranges.size() ? ranges.get(i) : null;
            args.addValue(r == null ? utc(Instant.EPOCH) : utc(r.from()));
            args.addValue(r == null ? utc(Instant.EPOCH) : utc(r.to()));
        }
    }
}

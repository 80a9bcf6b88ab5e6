package io.joule.timeseries.repository;

import io.joule.forecast.HourlyEnergy;
import io.joule.pipeline.TimeRange;
import io.joule.ship.RankingWindow;
import io.joule.ship.TopUsers;
import io.joule.timeseries.DailyRollup;
import io.joule.timeseries.RollupStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * TimescaleDB: statistics from the continuous aggregates slot_hourly and slot_daily (UTC days,
 * hierarchical on the hours), exact at once after every write. A write only records its slot range
 * in rollup_pending (its own transaction); a read splits its range into whole UTC days, whole hours
 * and edge slots ({@link RankingWindow}) and takes each bucket materialized where no pending range
 * touches it, else from the raw slots, in one statement (one snapshot). {@code AggregateRefresher}
 * materializes pending ranges in the background. A local day in any zone (DST, :30, :45) is such a
 * range, so it is as exact as the transactional rollups.
 */
@ApplicationScoped
@Typed(ContinuousAggregateStore.class)
public class ContinuousAggregateStore implements RollupStore {

    static final int SLOTS = 0;
    static final int HOURS = 1;
    static final int DAYS = 2;

    /** The series' pending slot ranges, merged; %s is the series id expression. */
    private static final String PENDING = """
            (select coalesce(range_agg(slots), '{}'::tstzmultirange) as m from rollup_pending where series_id = %s) d""";

    /**
     * The pieces of one part p(level, f, t) of series %s: materialized buckets away from the pending
     * ranges d.m, and raw slots over the rest (the whole part for a slot part).
     */
    private static final String PIECES = """
            select c.energy_kwh as e, c.min_kwh as mn, c.max_kwh as mx, c.slots as n from slot_daily c
            where p.level = 2 and c.series_id = %1$s and c.bucket >= p.f and c.bucket < p.t
              and not (d.m && tstzrange(c.bucket, c.bucket + interval '1 day'))
            union all
            select c.energy_kwh, c.min_kwh, c.max_kwh, c.slots from slot_hourly c
            where p.level = 1 and c.series_id = %1$s and c.bucket >= p.f and c.bucket < p.t
              and not (d.m && tstzrange(c.bucket, c.bucket + interval '1 hour'))
            union all
            select x.kwh, x.kwh, x.kwh, 1 from unnest(joule_raw_ranges(d.m, p.level, p.f, p.t)) r
            join slot_15m x on x.series_id = %1$s and x.slot_start >= lower(r) and x.slot_start < upper(r)
            """;

    private static final String STATS = """
            select p.label, sum(v.e) as energy_kwh, min(v.mn) as min_kwh, max(v.mx) as max_kwh, sum(v.n)::bigint as slots
            from unnest($2::int[], $3::int[], $4::timestamptz[], $5::timestamptz[]) as p(label, level, f, t)
            cross join %s
            cross join lateral (%s) v
            group by p.label order by p.label
            """.formatted(PENDING.formatted("$1"), PIECES.formatted("$1"));

    /** Totals are ranked at 1 mWh (6 decimals of kWh), as by the rollups, so summation order cannot break a tie. */
    private static final String TOP = """
            select ship, total from (
                select s.key::bigint as ship, sum(v.e) as total
                from series s
                cross join lateral %s
                cross join unnest($1::int[], $2::timestamptz[], $3::timestamptz[]) as p(level, f, t)
                cross join lateral (%s) v
                where s.kind = 'ship'
                group by s.key) ranked
            order by round(total::numeric, 6) desc, ship asc
            limit $4
            """.formatted(PENDING.formatted("s.id"), PIECES.formatted("s.id"));

    private static final String HOURLY = """
            select bucket, energy_kwh from (
                select c.bucket, c.energy_kwh from %1$s, slot_hourly c
                where c.series_id = $1 and c.bucket >= $2 and c.bucket < $3
                  and not (d.m && tstzrange(c.bucket, c.bucket + interval '1 hour'))
                union all
                select date_bin('1 hour', x.slot_start, timestamptz '2000-01-01 00:00:00+00'), sum(x.kwh)
                from %1$s, unnest(joule_raw_ranges(d.m, 1, $2, $3)) r
                join slot_15m x on x.series_id = $1 and x.slot_start >= lower(r) and x.slot_start < upper(r)
                group by 1) h
            order by bucket
            """.formatted(PENDING.formatted("$1"));

    private static final String MARK_PENDING = "insert into rollup_pending (series_id, slots) values ($1, tstzrange($2, $3))";

    private final Pool pool;

    public ContinuousAggregateStore(Pool pool) {
        this.pool = pool;
    }

    @Override
    public String implementation() {
        return "timescaledb";
    }

    @Override
    public Uni<Void> slotsWritten(SqlClient db, long seriesId, ZoneId zone, TimeRange slots) {
        return db.preparedQuery(MARK_PENDING).execute(Tuple.of(seriesId, utc(slots.from()), utc(slots.to()))).replaceWithVoid();
    }

    @Override
    public Uni<List<DailyRollup>> daily(SqlClient db, long seriesId, ZoneId zone, LocalDate from, LocalDate to) {
        List<LocalDate> days = new ArrayList<>();
        Parts parts = new Parts();
        int label = 0;
        for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1), label++) {
            days.add(day);
            parts.add(label, RankingWindow.of(new TimeRange(start(day, zone), start(day.plusDays(1), zone))));
        }
        Tuple args = Tuple.of(seriesId, parts.labels(), parts.levels(), parts.froms(), parts.tos());
        return db.preparedQuery(STATS).execute(args).map(rows -> {
            List<DailyRollup> out = new ArrayList<>(rows.size());
            for (Row r : rows) {
                LocalDate day = days.get(r.getInteger("label"));
                int slots = r.getLong("slots").intValue();
                double energy = r.getDouble("energy_kwh");
                out.add(new DailyRollup(day, start(day, zone), start(day.plusDays(1), zone), energy,
                        r.getDouble("min_kwh"), r.getDouble("max_kwh"), energy / slots, slots));
            }
            return out;
        });
    }

    @Override
    public Uni<List<HourlyEnergy>> hourly(SqlClient db, long seriesId, TimeRange range) {
        // The hours starting in [from, to) are the whole hours of [ceil(from), ceil(to)).
        Instant from = ceilHour(range.from());
        Instant to = ceilHour(range.to());
        if (!from.isBefore(to)) {
            return Uni.createFrom().item(List.of());
        }
        return db.preparedQuery(HOURLY).execute(Tuple.of(seriesId, utc(from), utc(to))).map(rows -> {
            List<HourlyEnergy> out = new ArrayList<>(rows.size());
            rows.forEach(r -> out.add(new HourlyEnergy(r.getOffsetDateTime(0).toInstant(), r.getDouble(1))));
            return out;
        });
    }

    @Override
    public Uni<List<TopUsers.Ship>> topShips(TimeRange window, int count) {
        Parts parts = new Parts();
        parts.add(0, RankingWindow.of(window));
        return pool.preparedQuery(TOP).execute(Tuple.of(parts.levels(), parts.froms(), parts.tos(), count)).map(rows -> {
            List<TopUsers.Ship> out = new ArrayList<>(rows.size());
            rows.forEach(r -> out.add(new TopUsers.Ship(r.getLong("ship"), r.getDouble("total"))));
            return out;
        });
    }

    private static Instant start(LocalDate day, ZoneId zone) {
        return day.atStartOfDay(zone).toInstant();
    }

    private static Instant ceilHour(Instant t) {
        Instant floor = t.truncatedTo(ChronoUnit.HOURS);
        return floor.equals(t) ? t : floor.plus(1, ChronoUnit.HOURS);
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    /** Labelled parts as the four arrays the statements unnest. */
    private static final class Parts {
        private final List<Integer> labels = new ArrayList<>();
        private final List<Integer> levels = new ArrayList<>();
        private final List<OffsetDateTime> froms = new ArrayList<>();
        private final List<OffsetDateTime> tos = new ArrayList<>();

        void add(int label, RankingWindow window) {
            window.days().forEach(r -> add(label, DAYS, r));
            window.hours().forEach(r -> add(label, HOURS, r));
            window.slots().forEach(r -> add(label, SLOTS, r));
        }

        private void add(int label, int level, TimeRange range) {
            labels.add(label);
            levels.add(level);
            froms.add(utc(range.from()));
            tos.add(utc(range.to()));
        }

        Integer[] labels() {
            return labels.toArray(Integer[]::new);
        }

        Integer[] levels() {
            return levels.toArray(Integer[]::new);
        }

        OffsetDateTime[] froms() {
            return froms.toArray(OffsetDateTime[]::new);
        }

        OffsetDateTime[] tos() {
            return tos.toArray(OffsetDateTime[]::new);
        }
    }
}

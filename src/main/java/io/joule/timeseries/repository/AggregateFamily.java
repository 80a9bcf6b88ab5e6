package io.joule.timeseries.repository;

import java.util.List;

/**
 * A raw hypertable (slots or readings) with its pending ranges and its two continuous aggregates, UTC hours and UTC
 * days hierarchical on them, each bucket holding the time-ordered sum, the min, the max and the count of its values.
 * The statements that keep a family exact (mark a write pending, read local days, refresh) are written once for both.
 */
public record AggregateFamily(String pending, String span, String raw, String time, String value, String hourly, String daily,
        String sum, String min, String max, String count) {

    public static final AggregateFamily SLOTS = new AggregateFamily("rollup_pending", "slots", "slot_15m", "slot_start", "kwh",
            "slot_hourly", "slot_daily", "energy_kwh", "min_kwh", "max_kwh", "slots");
    public static final AggregateFamily READINGS = new AggregateFamily("reading_pending", "span", "reading", "ts", "value",
            "reading_hourly", "reading_daily_utc", "sum_value", "min_value", "max_value", "readings");
    public static final List<AggregateFamily> ALL = List.of(SLOTS, READINGS);

    private static final String ORIGIN = "timestamptz '2000-01-01 00:00:00+00'";

    /** Records the ranges [$2[i], $3[i]) of series $1 as written (in the write's transaction). */
    public String markPending() {
        return "insert into %s (series_id, %s) select $1, tstzrange(f, t) from unnest($2::timestamptz[], $3::timestamptz[]) u(f, t)"
                .formatted(pending, span);
    }

    /**
     * Local days of the series $1 (one zone) in one pass per level: $3..$8 are the UTC-day, hour and edge parts of all
     * the days, each level merged into one multirange, and [$9, $10) is the whole span of the days, repeated as plain
     * bounds on every hypertable so that TimescaleDB plans only its chunks (over the 589 chunks of a test database,
     * planning took 74 to 111 ms without them and 1.5 to 20 ms with them). Every materialized bucket inside its level
     * and away from pending ranges is taken, the raw rows of the rest, and each piece is labelled by its day through the
     * sorted day bounds $2 (width_bucket: a binary search). The edge parts (two a day in a :30 or :45 zone) are read by one index range scan
     * filtered by the multirange: a lookup per part cost twice as much over a year of readings (measured, 365 days of
     * 15-minute readings in Asia/Kolkata: about 77 against 35 ms). Raw reads are lateral subqueries behind {@code offset
     * 0}, so each is an index range scan driven by its ranges: joined plainly, the planner scanned the series' whole
     * period once per part (a year of one ship's slots with six pending ranges: 65 ms against 5 ms). A piece is a UTC day, a UTC hour or a day's part of an hour, summed in time order,
     * and a day sums its pieces in time order: the ordered sum of its hours' ordered sums, however it was read.
     */
    public String localDays() {
        return """
                select s.id as series_id, q.label, q.total, q.low, q.high, q.n from unnest($1::bigint[]) s(id) cross join lateral (
                with d as (select coalesce(range_agg(%2$s), '{}'::tstzmultirange) as m from %1$s where series_id = s.id),
                lv as (select coalesce((select range_agg(tstzrange(f, t)) from unnest($3::timestamptz[], $4::timestamptz[]) u(f, t)), '{}') as d2,
                              coalesce((select range_agg(tstzrange(f, t)) from unnest($5::timestamptz[], $6::timestamptz[]) u(f, t)), '{}') as d1,
                              coalesce((select range_agg(tstzrange(f, t)) from unnest($7::timestamptz[], $8::timestamptz[]) u(f, t)), '{}') as d0),
                pieces as (
                    select c.bucket as at, c.%8$s as e, c.%9$s as mn, c.%10$s as mx, c.%11$s::bigint as n from d, lv, %7$s c
                    where not isempty(lv.d2) and c.series_id = s.id and c.bucket >= $9 and c.bucket < $10 and c.bucket >= lower(lv.d2) and c.bucket < upper(lv.d2)
                      and lv.d2 @> c.bucket and (isempty(d.m) or not (d.m && tstzrange(c.bucket, c.bucket + interval '1 day')))
                    union all
                    select c.bucket, c.%8$s, c.%9$s, c.%10$s, c.%11$s from d, lv, %6$s c
                    where not isempty(lv.d1) and c.series_id = s.id and c.bucket >= $9 and c.bucket < $10 and c.bucket >= lower(lv.d1) and c.bucket < upper(lv.d1)
                      and lv.d1 @> c.bucket and (isempty(d.m) or not (d.m && tstzrange(c.bucket, c.bucket + interval '1 hour')))
                    union all
                    select min(x.%4$s), sum(x.%5$s order by x.%4$s), min(x.%5$s), max(x.%5$s), count(*)
                    from lv cross join lateral (select x.%4$s, x.%5$s from %3$s x
                                                where x.series_id = s.id and x.%4$s >= $9 and x.%4$s < $10 and x.%4$s >= lower(lv.d0) and x.%4$s < upper(lv.d0) and lv.d0 @> x.%4$s
                                                offset 0) x
                    where not isempty(lv.d0)
                    group by width_bucket(x.%4$s, $2::timestamptz[]), date_bin('1 hour', x.%4$s, %12$s)
                    union all
                    select at, e, mn, mx, n from (%13$s) pending_hours
                    union all
                    select date_bin('1 day', at, %12$s), sum(e order by at), min(mn), max(mx), sum(n)::bigint
                    from (%14$s) pending_days group by 1)
                select width_bucket(at, $2::timestamptz[]) - 1 as label, sum(e order by at) as total, min(mn) as low, max(mx) as high,
                       sum(n)::bigint as n
                from pieces group by 1 having sum(n) > 0) q
                order by 1, 2
                """.formatted(pending, span, raw, time, value, hourly, daily, sum, min, max, count, ORIGIN,
                rawHours("joule_widened(d.m * lv.d1, interval '1 hour')"), rawHours("joule_widened(d.m * lv.d2, interval '1 day')"));
    }

    /**
     * The hours of the raw rows in {@code ranges}, summed in time order as the hourly aggregate sums them; a pending day
     * is then the time-ordered sum of its hours, as the daily one is. Every bucket so adds up bit for bit the same whether
     * it was read materialized or raw, and whatever order its rows were written in.
     */
    private String rawHours(String ranges) {
        return """
                select date_bin('1 hour', x.%2$s, %4$s) as at, sum(x.%3$s order by x.%2$s) as e, min(x.%3$s) as mn, max(x.%3$s) as mx,
                       count(*) as n
                from d, lv, unnest(%5$s) r
                cross join lateral (select x.%2$s, x.%3$s from %1$s x
                                    where x.series_id = s.id and x.%2$s >= $9 and x.%2$s < $10
                                      and x.%2$s >= lower(r) and x.%2$s < upper(r) offset 0) x
                group by 1""".formatted(raw, time, value, ORIGIN, ranges);
    }
}

-- Reading ranges (of meter channels) written since the reading aggregates last covered them: the
-- readings' counterpart of rollup_pending, kept and read the same way. Empty on plain PostgreSQL.
create table reading_pending (
    id        bigserial primary key,
    series_id bigint    not null,
    span      tstzrange not null
);
create index reading_pending_series on reading_pending (series_id);

-- A day's sum is now the time-ordered sum of its UTC-hour sums (each in time order), which is what
-- the continuous aggregates can compose: both databases so answer equal to the last bit. Only days
-- whose readings are all still stored are summed again: a day that retention has cut keeps its sum.
with resummed as (
    select d.series_id, d.day, s.total
    from reading_daily d cross join lateral (
        select sum(e order by h) as total, coalesce(sum(n), 0) as present from (
            select date_bin('1 hour', r.ts, timestamptz '2000-01-01 00:00:00+00') as h, sum(r.value order by r.ts) as e, count(*) as n
            from reading r where r.series_id = d.series_id and r.ts >= d.bucket_start and r.ts < d.bucket_end group by 1) hours) s
    where s.present = d.readings)
update reading_daily d set sum_value = r.total
from resummed r
where r.series_id = d.series_id and r.day = d.day;

-- TimescaleDB with its community features (as V11): MIN/MAX/SUM/COUNT of the readings per UTC
-- hour, UTC days hierarchical on them, and all four aggregates in the columnstore (the policies'
-- age is the service's configuration, applied at start).
do $$
declare
    view text;
begin
    if to_regclass('slot_hourly') is not null then
        execute $q$
            create materialized view reading_hourly
            with (timescaledb.continuous, timescaledb.materialized_only = true) as
            select series_id, time_bucket(interval '1 hour', ts) as bucket,
                   sum(value order by ts) as sum_value, min(value) as min_value, max(value) as max_value, count(*) as readings
            from reading group by series_id, time_bucket(interval '1 hour', ts)
            with no data $q$;
        execute $q$
            create materialized view reading_daily_utc
            with (timescaledb.continuous, timescaledb.materialized_only = true) as
            select series_id, time_bucket(interval '1 day', bucket) as bucket,
                   sum(sum_value order by bucket) as sum_value, min(min_value) as min_value, max(max_value) as max_value,
                   sum(readings)::bigint as readings
            from reading_hourly group by series_id, time_bucket(interval '1 day', bucket)
            with no data $q$;
        execute 'create index reading_hourly_series_bucket on reading_hourly (series_id, bucket) include (sum_value, min_value, max_value, readings)';
        execute 'create index reading_daily_utc_series_bucket on reading_daily_utc (series_id, bucket) include (sum_value, min_value, max_value, readings)';
        for view in select unnest(array['slot_hourly', 'slot_daily', 'reading_hourly', 'reading_daily_utc']) loop
            execute format($q$alter materialized view %I set (timescaledb.compress = true, timescaledb.compress_segmentby = 'series_id',
                                                              timescaledb.compress_orderby = 'bucket')$q$, view);
        end loop;
        -- Meter readings stored before this migration are pending until the first background refresh.
        insert into reading_pending (series_id, span)
        select r.series_id, tstzrange(min(r.ts), max(r.ts) + interval '1 microsecond')
        from reading r join meter_channel c on c.series_id = r.series_id group by r.series_id;
    end if;
end
$$;

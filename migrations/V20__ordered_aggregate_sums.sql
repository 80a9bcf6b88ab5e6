-- Floating-point addition is not associative: a sum taken in whatever order the rows lie gave the
-- continuous aggregates last-bit differences between batch orders (RollupOrderTest on TimescaleDB).
-- The aggregates are rebuilt with sums in time order, the hourly one over its slots and the daily one
-- over its hours, which is also how reads compose the raw slots of buckets not yet materialized.
do $$
begin
    if to_regclass('slot_hourly') is not null then
        execute 'drop materialized view slot_daily';
        execute 'drop materialized view slot_hourly';
        execute $q$
            create materialized view slot_hourly
            with (timescaledb.continuous, timescaledb.materialized_only = true) as
            select series_id, time_bucket(interval '1 hour', slot_start) as bucket,
                   sum(kwh order by slot_start) as energy_kwh, min(kwh) as min_kwh, max(kwh) as max_kwh, count(*) as slots
            from slot_15m group by series_id, time_bucket(interval '1 hour', slot_start)
            with no data $q$;
        execute $q$
            create materialized view slot_daily
            with (timescaledb.continuous, timescaledb.materialized_only = true) as
            select series_id, time_bucket(interval '1 day', bucket) as bucket,
                   sum(energy_kwh order by bucket) as energy_kwh, min(min_kwh) as min_kwh, max(max_kwh) as max_kwh,
                   sum(slots)::bigint as slots
            from slot_hourly group by series_id, time_bucket(interval '1 day', bucket)
            with no data $q$;
        execute 'create index slot_hourly_series_bucket on slot_hourly (series_id, bucket) include (energy_kwh, min_kwh, max_kwh, slots)';
        execute 'create index slot_daily_series_bucket on slot_daily (series_id, bucket) include (energy_kwh, min_kwh, max_kwh, slots)';
        -- Nothing is materialized yet: every stored slot is pending until the next background refresh.
        delete from rollup_pending;
        insert into rollup_pending (series_id, slots)
        select series_id, tstzrange(min(slot_start), max(slot_start) + interval '15 minutes') from slot_15m group by series_id;
    end if;
end
$$;

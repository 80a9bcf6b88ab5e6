-- Slot ranges written since the continuous aggregates last covered them. On TimescaleDB every
-- write records its recomputed slot range here in its own transaction; reads take the
-- materialized buckets outside these ranges and the raw slots inside them, so an answer read
-- after an acknowledged write includes it (late data too); a background refresh then
-- materializes the ranges and deletes their rows. On plain PostgreSQL the table stays empty.
create table rollup_pending (
    id        bigserial primary key,
    series_id bigint    not null,
    slots     tstzrange not null
);
create index rollup_pending_series on rollup_pending (series_id);

-- The slot ranges a read must take from slot_15m: level 0 (a slot part) all of [f, t); level 1
-- (hours) or 2 (UTC days) the pending ranges inside [f, t), widened to whole buckets, so each
-- bucket is read either materialized or raw, never both.
create function joule_raw_ranges(pending tstzmultirange, level int, f timestamptz, t timestamptz)
returns tstzmultirange language sql immutable parallel safe as $$
    select case when level = 0 then tstzmultirange(tstzrange(f, t))
           else coalesce((
               select range_agg(tstzrange(date_bin(w, lower(r), timestamptz '2000-01-01 00:00:00+00'),
                                          date_bin(w, upper(r) - interval '1 microsecond', timestamptz '2000-01-01 00:00:00+00') + w))
               from unnest(pending * tstzmultirange(tstzrange(f, t))) r,
                    (select case when level = 1 then interval '1 hour' else interval '1 day' end) b(w)),
               '{}'::tstzmultirange)
           end
$$;

-- The same for pending ranges already cut to the day or hour parts of a read: each widened to
-- whole buckets of width w.
create function joule_widened(pending tstzmultirange, w interval)
returns tstzmultirange language sql immutable parallel safe as $$
    select coalesce((
        select range_agg(tstzrange(date_bin(w, lower(r), timestamptz '2000-01-01 00:00:00+00'),
                                   date_bin(w, upper(r) - interval '1 microsecond', timestamptz '2000-01-01 00:00:00+00') + w))
        from unnest(pending) r), '{}'::tstzmultirange)
$$;

-- TimescaleDB with its community (TSL) features: hourly statistics of slot_15m as a continuous
-- aggregate, UTC days as a hierarchical one on top of it, and columnstore settings for the raw
-- tables (the policies' ages are the service's configuration, applied at start).
do $$
begin
    if exists (select 1 from pg_extension where extname = 'timescaledb')
       and coalesce(current_setting('timescaledb.license', true), '') = 'timescale' then
        execute $q$
            create materialized view slot_hourly
            with (timescaledb.continuous, timescaledb.materialized_only = true) as
            select series_id, time_bucket(interval '1 hour', slot_start) as bucket,
                   sum(kwh) as energy_kwh, min(kwh) as min_kwh, max(kwh) as max_kwh, count(*) as slots
            from slot_15m group by series_id, time_bucket(interval '1 hour', slot_start)
            with no data $q$;
        execute $q$
            create materialized view slot_daily
            with (timescaledb.continuous, timescaledb.materialized_only = true) as
            select series_id, time_bucket(interval '1 day', bucket) as bucket,
                   sum(energy_kwh) as energy_kwh, min(min_kwh) as min_kwh, max(max_kwh) as max_kwh, sum(slots)::bigint as slots
            from slot_hourly group by series_id, time_bucket(interval '1 day', bucket)
            with no data $q$;
        -- Rankings and statistics sum these by index-only range scans per series.
        execute 'create index slot_hourly_series_bucket on slot_hourly (series_id, bucket) include (energy_kwh, min_kwh, max_kwh, slots)';
        execute 'create index slot_daily_series_bucket on slot_daily (series_id, bucket) include (energy_kwh, min_kwh, max_kwh, slots)';
        -- The planner overestimates lateral scans over many chunks, and JIT-compiling them costs
        -- about a second per statement (measured), far more than running them.
        begin
            execute format('alter database %I set jit = off', current_database());
        exception when insufficient_privilege then
            raise notice 'jit stays on: only the database owner can set it (set jit = off for Joule''s role instead)';
        end;
        execute $q$alter table reading set (timescaledb.compress, timescaledb.compress_segmentby = 'series_id',
                                             timescaledb.compress_orderby = 'ts')$q$;
        execute $q$alter table slot_15m set (timescaledb.compress, timescaledb.compress_segmentby = 'series_id',
                                              timescaledb.compress_orderby = 'slot_start')$q$;
        -- Slots stored before this migration are pending until the first background refresh.
        insert into rollup_pending (series_id, slots)
        select series_id, tstzrange(min(slot_start), max(slot_start) + interval '15 minutes') from slot_15m group by series_id;
    end if;
end
$$;

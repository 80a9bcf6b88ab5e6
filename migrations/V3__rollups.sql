-- Hourly (UTC) and daily (the series' zone) rollups of slot_15m, recomputed for the affected
-- buckets in every write's transaction, so they always equal the slots. avg = energy / slots.
create table rollup_hourly (
    series_id    bigint           not null,
    bucket_start timestamptz      not null,
    energy_kwh   double precision not null,
    min_kwh      double precision not null,
    max_kwh      double precision not null,
    slots        integer          not null,
    -- energy_kwh in the key's index lets rankings sum it by index-only scans.
    primary key (series_id, bucket_start) include (energy_kwh)
);

-- A day is a local calendar day: 23 or 25 hours on DST changes; its exact UTC bounds are stored.
create table rollup_daily (
    series_id    bigint           not null,
    day          date             not null,
    bucket_start timestamptz      not null,
    bucket_end   timestamptz      not null,
    energy_kwh   double precision not null,
    min_kwh      double precision not null,
    max_kwh      double precision not null,
    slots        integer          not null,
    primary key (series_id, day) include (energy_kwh)
);

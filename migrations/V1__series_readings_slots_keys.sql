-- Registry: one row per series (SPEC §1). kind+key identify it; zone, sampling and max_gap drive the arithmetic.
create table series (
    id          bigserial primary key,
    kind        text        not null check (kind in ('ship', 'meter', 'sensor', 'asset', 'grid')),
    key         text        not null check (length(key) between 1 and 200),
    zone        text        not null default 'UTC',
    quantity    text        not null check (quantity in ('power', 'energy', 'level', 'intensity', 'other')),
    sampling    text        not null check (sampling in ('regular', 'cov', 'irregular')),
    max_gap     interval    not null check (max_gap > interval '0'),
    created_at  timestamptz not null default now(),
    unique (kind, key)
);

-- Raw readings in canonical units (kW or kWh for power and energy). The time column is in the key
-- so TimescaleDB can turn the table into a hypertable. No foreign key to series: series rows are
-- never deleted, and a per-row key check would cost more than the rest of the insert.
create table reading (
    series_id bigint           not null,
    ts        timestamptz      not null,
    value     double precision not null,
    primary key (series_id, ts)
);

-- Derived 15-minute energy, start-labelled (SPEC §3); recomputed from reading on every write.
create table slot_15m (
    series_id  bigint           not null,
    slot_start timestamptz      not null,
    kwh        double precision not null,
    primary key (series_id, slot_start)
);

create table api_key (
    id         uuid        primary key,
    key_hash   text        not null unique,
    role       text        not null check (role in ('admin', 'coordinator', 'device', 'user')),
    subject    text,
    created_at timestamptz not null default now(),
    revoked_at timestamptz,
    check (role <> 'device' or subject like '%:%')
);

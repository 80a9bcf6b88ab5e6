-- People who link sensors to their account (role 'user').
create table app_user (
    id         uuid primary key,
    name       text        not null unique check (length(name) between 1 and 100),
    created_at timestamptz not null default now()
);

-- Water level sensors (SPEC §4): a series of kind 'sensor' each, optionally linked to one user.
create table sensor (
    sensor_id  text primary key check (sensor_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    series_id  bigint      not null unique,
    unit       text        not null,
    owner_id   uuid references app_user (id),
    created_at timestamptz not null default now()
);
create index sensor_owner on sensor (owner_id);

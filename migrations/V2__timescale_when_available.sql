-- TimescaleDB is optional: on plain PostgreSQL this migration changes nothing, and every answer is
-- the same either way. Where the extension is installed and preloaded, the time-series tables
-- become hypertables.
do $$
begin
    if exists (select 1 from pg_available_extensions where name = 'timescaledb')
       and current_setting('shared_preload_libraries', true) like '%timescaledb%' then
        execute 'create extension if not exists timescaledb';
        execute $q$select create_hypertable('reading', by_range('ts', interval '7 days'), migrate_data => true)$q$;
        execute $q$select create_hypertable('slot_15m', by_range('slot_start', interval '30 days'), migrate_data => true)$q$;
    end if;
end
$$;

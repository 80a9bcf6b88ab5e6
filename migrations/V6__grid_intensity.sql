-- Carbon intensity per half-hour and region (SPEC §7): forecast and actual gCO2/kWh; a later
-- import replaces values (actuals arrive after forecasts).
create table grid_intensity (
    region       text        not null,
    period_start timestamptz not null,
    period_end   timestamptz not null,
    forecast     double precision check (forecast >= 0),
    actual       double precision check (actual >= 0),
    intensity_index text,
    primary key (region, period_start)
);

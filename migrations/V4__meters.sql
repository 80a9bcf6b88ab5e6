-- A meter channel is a series of kind 'meter' (SPEC §1, §6): meter point code + serial number +
-- data type, and for TOU-2015 registers also period and rate. Plant code and units are kept here.
create table meter_channel (
    series_id  bigint primary key,
    meter_code text not null,
    serial     text not null,
    data_type  text not null,
    period     text,
    rate       text,
    plant_code text,
    units      text not null
);
create index meter_channel_meter on meter_channel (meter_code);

-- Daily MIN/MAX/AVG/COUNT of the values as given, per channel and local day of the series' zone;
-- recomputed for the affected days in the import's transaction.
create table reading_daily (
    series_id    bigint           not null,
    day          date             not null,
    bucket_start timestamptz      not null,
    bucket_end   timestamptz      not null,
    min_value    double precision not null,
    max_value    double precision not null,
    sum_value    double precision not null,
    readings     integer          not null,
    primary key (series_id, day)
);

package io.joule.meter.repository;

import static io.joule.time.Timestamps.utc;

import io.joule.jdbc.BinaryCopy;
import io.joule.jdbc.Jdbc;
import io.joule.meter.ChannelKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The meter import's SQL, on one JDBC connection and transaction: a file is copied into a staging table, checked,
 * moved into readings, and the channels it touches are written.
 */
@ApplicationScoped
public class MeterImportRepository {

    /**
     * A file is staged first so that duplicates are found, and nothing reaches reading, before it is whole. A temporary
     * table writes no WAL and is gone with the transaction, however it ends.
     */
    private static final String CREATE_STAGING = """
            create temp table meter_staging (series_id bigint, ts timestamptz, value double precision, line integer) on commit drop
            """;

    private static final String DUPLICATES = """
            select (array_agg(line order by line))[2] as line, min(line) as first
            from meter_staging group by series_id, ts having count(*) > 1 order by 1 limit $1
            """;

    private static final String HAS_READINGS = """
            select exists (select 1 from reading where series_id = $1 and ts >= $2 and ts <= $3)
            """;

    /** For channels with no stored reading in the file's range: a plain insert costs half an upsert's speculative one. */
    private static final String INSERT_FROM_STAGING = """
            insert into reading (series_id, ts, value)
            select series_id, ts, value from meter_staging where series_id = any($1)
            """;

    /** Answers the series whose readings changed: a value that is already stored is not written again. */
    private static final String UPSERT_FROM_STAGING = """
            with written as (
                insert into reading (series_id, ts, value)
                select series_id, ts, value from meter_staging where series_id = any($1)
                on conflict (series_id, ts) do update set value = excluded.value
                where reading.value is distinct from excluded.value
                returning series_id)
            select distinct series_id from written
            """;

    private static final String REGISTER_CHANNEL = """
            insert into meter_channel (series_id, meter_code, serial, data_type, period, rate, plant_code, units)
            values ($1, $2, $3, $4, $5, $6, $7, $8)
            on conflict (series_id) do update set plant_code = excluded.plant_code
            """;

    public void createStaging(Connection db) throws SQLException {
        Jdbc.update(db, CREATE_STAGING);
    }

    /** Starts copying rows into the staging table; each row is {@link #stage}d, then the copy ended. */
    public BinaryCopy startStaging(Connection db) throws SQLException {
        return BinaryCopy.into(db, "meter_staging", "series_id, ts, value, line");
    }

    public void stage(BinaryCopy staging, long seriesId, Instant at, double value, int line) throws SQLException {
        staging.row(4).int8(seriesId).timestamptz(at).float8(value).int4(line);
    }

    /**
     * Starts copying rows straight into readings, for series that have none: the reading key refuses a repeated
     * time (unique_violation), and the caller's transaction keeps the file whole or nothing.
     */
    public BinaryCopy startReadings(Connection db) throws SQLException {
        return BinaryCopy.into(db, "reading", "series_id, ts, value");
    }

    public void read(BinaryCopy readings, long seriesId, Instant at, double value) throws SQLException {
        readings.row(3).int8(seriesId).timestamptz(at).float8(value);
    }

    /** Pairs of (line, first line) that repeat a channel and time, at most {@code limit}. */
    public List<long[]> duplicates(Connection db, int limit) throws SQLException {
        try (PreparedStatement query = Jdbc.prepare(db, DUPLICATES, limit); ResultSet rows = query.executeQuery()) {
            List<long[]> out = new ArrayList<>();
            while (rows.next()) {
                out.add(new long[] {rows.getLong(1), rows.getLong(2)});
            }
            return out;
        }
    }

    /** Whether the series has a reading in [from, to]. */
    public boolean hasReadings(Connection db, long seriesId, Instant from, Instant to) throws SQLException {
        try (PreparedStatement query = Jdbc.prepare(db, HAS_READINGS, seriesId, utc(from), utc(to)); ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    /**
     * Moves the staged rows into readings: of the series in {@code fresh} (which have no reading in the staged range,
     * and whose lock the caller holds, so none can appear) by plain insert, of those in {@code stored} by upsert.
     * Answers the series of {@code stored} whose readings changed.
     */
    public Set<Long> moveFromStaging(Connection db, List<Long> fresh, List<Long> stored) throws SQLException {
        if (!fresh.isEmpty()) {
            Jdbc.update(db, INSERT_FROM_STAGING, (Object) fresh.toArray(Long[]::new));
        }
        Set<Long> changed = new HashSet<>();
        if (!stored.isEmpty()) {
            try (PreparedStatement upsert = Jdbc.prepare(db, UPSERT_FROM_STAGING, (Object) stored.toArray(Long[]::new));
                    ResultSet rows = upsert.executeQuery()) {
                while (rows.next()) {
                    changed.add(rows.getLong(1));
                }
            }
        }
        return changed;
    }

    /** The units the channel of this series was imported in; null before its first import commits. */
    public String units(Connection db, long seriesId) throws SQLException {
        try (PreparedStatement query = Jdbc.prepare(db, "select units from meter_channel where series_id = $1", seriesId);
                ResultSet rows = query.executeQuery()) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    public void registerChannel(Connection db, long seriesId, ChannelKey key, String plantCode, String units) throws SQLException {
        Jdbc.update(db, REGISTER_CHANNEL, seriesId, key.meterCode(), key.serial(), key.dataType(), key.period(), key.rate(),
                plantCode, units);
    }
}

package io.joule.meter.service;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.joule.meter.ChannelKey;
import io.joule.meter.ImportSummary;
import io.joule.meter.MeterFileFormat;
import io.joule.meter.MeterRow;
import io.joule.meter.repository.MeterRepository;
import io.joule.problem.ProblemError;
import io.joule.text.ClientText;
import io.joule.problem.ProblemException;
import io.joule.series.SeriesKind;
import io.joule.series.SeriesSpec;
import io.joule.time.Timestamps;
import io.joule.timeseries.StoredSeries;
import io.joule.timeseries.repository.TimeSeriesRepository;
import io.joule.timeseries.service.TimeSeriesWriter;
import io.quarkus.logging.Log;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Imports one LP or TOU file whole or not at all (SPEC §6), streaming: rows go to a staging
 * table a chunk at a time, so memory does not grow with the file; only when every row is valid
 * and no channel repeats a time do they move into readings, and the slots, rollups and daily
 * statistics of what they touch are recomputed, all in one transaction. Runs on a worker thread.
 */
@ApplicationScoped
public class MeterImportService {
    static final int CHUNK = 10_000;
    static final int MAX_ERRORS = 100;
    private static final Duration WAIT = Duration.ofMinutes(30);

    private final Pool pool;
    private final MeterRepository meters;
    private final TimeSeriesRepository timeSeries;
    private final TimeSeriesWriter writer;

    public MeterImportService(Pool pool, MeterRepository meters, TimeSeriesRepository timeSeries, TimeSeriesWriter writer) {
        this.pool = pool;
        this.meters = meters;
        this.timeSeries = timeSeries;
        this.writer = writer;
    }

    /** A channel met in the file: its series and what the summary reports of it. */
    private record Channel(ChannelKey key, StoredSeries series, ImportSummary.Channel summary) {
    }

    /**
     * Advisory lock key (series ids are positive) held by an import that registers a new channel, until it ends:
     * two imports meeting the same new channels in opposite orders would otherwise deadlock on the series key.
     */
    static final long NEW_CHANNEL_LOCK = -6_220_001L;

    public ImportSummary importFile(InputStream body, ZoneId zone) {
        SqlConnection db = pool.getConnection().await().atMost(WAIT);
        Transaction tx = null;
        try {
            tx = db.begin().await().atMost(WAIT);
            ImportSummary summary = importInto(db, body, zone);
            tx.commit().await().atMost(WAIT);
            tx = null;
            return summary;
        } finally {
            if (tx != null) {
                try {
                    tx.rollback().await().atMost(WAIT);
                } catch (RuntimeException e) {
                    Log.warn("Rollback of a refused meter file failed", e);
                }
            }
            db.close().await().atMost(WAIT);
        }
    }

    private ImportSummary importInto(SqlConnection db, InputStream body, ZoneId zone) {
        meters.createStaging(db).await().atMost(WAIT);
        Map<ChannelKey, Channel> channels = new LinkedHashMap<>();
        List<ProblemError> errors = new ArrayList<>();
        Chunk chunk = new Chunk();
        MeterFileFormat format = null;
        long rows = 0;
        try (CsvReader<CsvRecord> csv = CsvReader.builder().detectBomHeader(true).skipEmptyLines(true)
                .allowMissingFields(true).allowExtraFields(true).ofCsvRecord(body, StandardCharsets.UTF_8)) {
            Iterator<CsvRecord> records = csv.iterator();
            if (!records.hasNext()) {
                throw ProblemException.badRequest("The file is empty; expected a header. " + MeterFileFormat.expectedHeaders(), null);
            }
            List<String> header = records.next().getFields();
            MeterFileFormat layout = MeterFileFormat.byHeader(header).orElseThrow(() -> ProblemException.badRequest(
                    "Unknown layout: the header matches none of the three. " + MeterFileFormat.expectedHeaders(),
                    List.of(ProblemError.line(1, "header " + ClientText.abbreviate(String.join(",", header))))));
            format = layout;
            while (records.hasNext()) {
                CsvRecord record = records.next();
                rows++;
                long line = record.getStartingLineNumber();
                try {
                    MeterRow row = format.parse(record.getFields());
                    Instant at = instant(row.localTime(), zone);
                    Channel channel = channels.computeIfAbsent(row.channel(), key -> register(db, layout, key, row, zone));
                    if (errors.isEmpty()) {
                        chunk.add(channel.series().id(), at, row.value(), line);
                        if (chunk.size() == CHUNK) {
                            chunk.flush(db);
                        }
                    }
                } catch (MeterFileFormat.BadRowException e) {
                    errors.add(ProblemError.line((int) line, e.getMessage()));
                    if (errors.size() == MAX_ERRORS) {
                        break;
                    }
                }
            }
        } catch (CsvParseException e) {
            errors.add(ProblemError.line(0, "unreadable CSV: " + e.getMessage()));
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The file has " + (errors.size() == MAX_ERRORS ? "at least " : "") + errors.size()
                    + " bad rows; nothing was imported", errors);
        }
        if (rows == 0) {
            throw ProblemException.badRequest("The file has a header but no rows; nothing was imported", null);
        }
        chunk.flush(db);
        refuseDuplicates(db);
        return store(db, format, channels, zone, rows);
    }

    private ImportSummary store(SqlConnection db, MeterFileFormat format, Map<ChannelKey, Channel> channels, ZoneId zone, long rows) {
        Map<Long, Channel> byId = new LinkedHashMap<>();
        channels.values().forEach(c -> byId.put(c.series().id(), c));
        for (Long id : new TreeSet<>(byId.keySet())) {
            timeSeries.lockSeries(db, id).await().atMost(WAIT);
        }
        // the channel rows are written under the series locks, in the same order, so imports never wait on each other in a cycle
        for (Long id : new TreeSet<>(byId.keySet())) {
            Channel c = byId.get(id);
            meters.registerChannel(db, id, c.key(), c.summary().plantCode(), c.summary().units()).await().atMost(WAIT);
        }
        meters.upsertFromStaging(db).await().atMost(WAIT);
        Instant from = null;
        Instant to = null;
        for (MeterRepository.StagedRange range : meters.stagedRanges(db).await().atMost(WAIT)) {
            StoredSeries series = byId.get(range.seriesId()).series();
            if (series.profile().slotted()) {
                writer.recomputeStored(db, series, range.from(), range.to()).await().atMost(WAIT);
            }
            meters.refreshDaily(db, series.id(), zone, range.from(), range.to()).await().atMost(WAIT);
            from = from == null || range.from().isBefore(from) ? range.from() : from;
            to = to == null || range.to().isAfter(to) ? range.to() : to;
        }
        List<ImportSummary.Channel> summaries = channels.values().stream().map(Channel::summary).toList();
        List<String> meterCodes = summaries.stream().map(ImportSummary.Channel::meterCode).distinct().sorted().toList();
        return new ImportSummary(format.code(), rows, meterCodes,
                summaries.stream().sorted(Comparator.comparing(ImportSummary.Channel::meterCode)).toList(), from, to);
    }

    private void refuseDuplicates(SqlConnection db) {
        List<long[]> duplicates = meters.duplicates(db, MAX_ERRORS).await().atMost(WAIT);
        if (!duplicates.isEmpty()) {
            List<ProblemError> errors = duplicates.stream()
                    .map(d -> ProblemError.line((int) d[0], "repeats the channel and time of line " + d[1])).toList();
            throw ProblemException.badRequest("The file repeats readings; nothing was imported", errors);
        }
    }

    /**
     * Finds or registers the channel's series (and refuses a channel kept in another zone). Takes no
     * row lock on a known channel; a new one is registered under {@link #NEW_CHANNEL_LOCK}.
     */
    private Channel register(SqlConnection db, MeterFileFormat format, ChannelKey key, MeterRow row, ZoneId zone) {
        SeriesSpec spec = SeriesSpec.meterChannel(key.seriesKey(), zone, format.intervalData(), row.units().equalsIgnoreCase("kwh"));
        StoredSeries series = timeSeries.find(db, SeriesKind.METER, key.seriesKey()).await().atMost(WAIT);
        if (series == null) {
            timeSeries.lockSeries(db, NEW_CHANNEL_LOCK).await().atMost(WAIT);
            series = timeSeries.ensureSeries(db, spec).await().atMost(WAIT);
        }
        if (!series.zone().equals(zone)) {
            throw ProblemException.conflict("Meter " + key.meterCode() + " channel " + key.dataType() + " is kept in zone "
                    + series.zone() + "; import its files with zone=" + series.zone());
        }
        if (series.quantity() != spec.quantity()) {
            throw ProblemException.conflict("Meter " + key.meterCode() + " channel " + key.dataType() + " was imported as "
                    + series.quantity().name().toLowerCase() + " data; this file has units " + row.units());
        }
        return new Channel(key, series, new ImportSummary.Channel(key.meterCode(), key.serial(), key.dataType(), key.period(), key.rate(),
                row.units(), row.plantCode()));
    }

    /** A local time in the import zone; in an autumn overlap the earlier offset, in a spring gap refused. */
    private static Instant instant(LocalDateTime local, ZoneId zone) throws MeterFileFormat.BadRowException {
        var offsets = zone.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            throw new MeterFileFormat.BadRowException("local time " + local + " does not exist in " + zone + " (DST gap)");
        }
        Instant at = local.toInstant(offsets.get(0));
        if (!Timestamps.supported(at)) {
            throw new MeterFileFormat.BadRowException("local time " + local + " in " + zone + " is outside the supported range, " + Timestamps.RANGE);
        }
        return at;
    }

    /** Rows waiting for the next staging statement. */
    private final class Chunk {
        private final Long[] series = new Long[CHUNK];
        private final OffsetDateTime[] times = new OffsetDateTime[CHUNK];
        private final Double[] values = new Double[CHUNK];
        private final Long[] lines = new Long[CHUNK];
        private int size;

        void add(long seriesId, Instant at, double value, long line) {
            series[size] = seriesId;
            times[size] = at.atOffset(ZoneOffset.UTC);
            values[size] = value;
            lines[size] = line;
            size++;
        }

        int size() {
            return size;
        }

        void flush(SqlConnection db) {
            if (size == 0) {
                return;
            }
            meters.stage(db, java.util.Arrays.copyOf(series, size), java.util.Arrays.copyOf(times, size),
                    java.util.Arrays.copyOf(values, size), java.util.Arrays.copyOf(lines, size)).await().atMost(WAIT);
            size = 0;
        }
    }
}

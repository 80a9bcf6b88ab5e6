package io.joule.meter.service;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import io.agroal.api.AgroalDataSource;
import io.joule.config.DatabaseConfig;
import io.joule.csv.UnreadableCsv;
import io.joule.jdbc.BinaryCopy;
import io.joule.jdbc.UncheckedSqlException;
import io.joule.meter.ChannelKey;
import io.joule.meter.ChannelUnits;
import io.joule.meter.ImportSummary;
import io.joule.meter.MeterFileFormat;
import io.joule.meter.MeterRow;
import io.joule.meter.repository.MeterImportRepository;
import io.joule.pipeline.Slots;
import io.joule.pipeline.TimeClusters;
import io.joule.pipeline.TimeRange;
import io.joule.problem.DatabaseOutage;
import io.joule.problem.ProblemError;
import io.joule.problem.ProblemException;
import io.joule.problem.SqlStates;
import io.joule.series.SeriesKind;
import io.joule.series.SeriesSpec;
import io.joule.text.ClientText;
import io.joule.time.Timestamps;
import io.joule.timeseries.ReadingDays;
import io.joule.timeseries.RollupStore;
import io.joule.timeseries.StoredSeries;
import io.joule.timeseries.repository.TimeSeriesRepository;
import io.joule.timeseries.service.NewSeriesSlots;
import io.joule.timeseries.service.StoredSlotRecompute;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Imports one LP or TOU file whole or not at all (SPEC §6), streaming: rows are copied (binary COPY) as they are
 * parsed, so memory does not grow with the file, and the slots, rollups and daily statistics of what they touch are
 * recomputed, all in one transaction on one JDBC connection. COPY is what the reactive client lacks, and an import
 * runs on a worker thread anyway (the resource is blocking), so the event loop never waits on it.
 *
 * <p>A file whose channels are all new to the database is copied straight into readings: the reading key refuses a
 * repeated time, and nothing else can conflict. Any other file is copied into a staging table first, so that repeated
 * times are found with their line numbers and stored readings are replaced only once the whole file is read; a direct
 * copy that meets a known channel or a repeated time is rolled back and the file staged from the start.
 */
@ApplicationScoped
public class MeterImportService {
    static final int MAX_ERRORS = 100;
    /**
     * The most daily statistics held while a file is read (a few MB); past it, the days of the channels met so far are
     * dropped and read back from the readings instead, as for a file whose rows are out of order (channels met later
     * are summed on the way again).
     */
    static final int MAX_COMPUTED_DAYS = 25_000;

    /**
     * Advisory lock key (series ids are positive) held by an import that registers a new channel, until it ends:
     * two imports meeting the same new channels in opposite orders would otherwise deadlock on the series key.
     */
    static final long NEW_CHANNEL_LOCK = -6_220_001L;

    /** Rows of a channel at most this far apart are recomputed as one span; farther apart, the gap is left alone. */
    static final Duration CLUSTER_JOIN = Duration.ofDays(1);
    /** The most spans a channel's rows make; past it the closest are joined (each span is a few statements). */
    static final int MAX_CLUSTERS = 64;
    /** New channels' slots held before they are written between the rows' COPYs (about 60 bytes each). */
    static final int MAX_PENDING_SLOTS = 32_768;
    /**
     * Readings new channels may hold for slots not yet computed (up to 1,024 each, about 60 bytes a reading), and hours
     * and days of their rollups (about 80 bytes each): past these, memory would grow with the file's channels and time.
     */
    static final int MAX_HELD_READINGS = 100_000;
    static final int MAX_HELD_BUCKETS = 150_000;
    /** Rows between two checks of what new channels' slots hold. */
    static final int SLOT_CHECK_ROWS = 8_192;

    private final AgroalDataSource database;
    /** How long an import waits for a lock another transaction holds (0: no bound), then 503. */
    private final Duration lockTimeout;
    private final MeterImportRepository meters;
    private final TimeSeriesRepository timeSeries;
    private final StoredSlotRecompute slots;
    private final RollupStore rollups;

    public MeterImportService(AgroalDataSource database, MeterImportRepository meters, TimeSeriesRepository timeSeries,
            StoredSlotRecompute slots, RollupStore rollups, DatabaseConfig config) {
        this.database = database;
        this.lockTimeout = config.statementTimeout();
        this.meters = meters;
        this.timeSeries = timeSeries;
        this.slots = slots;
        this.rollups = rollups;
    }

    /** A channel met in the file: its series (whether this import registered it), the summary's facts, its rows' times. */
    private static final class Channel {
        final ChannelKey key;
        final StoredSeries series;
        final boolean created;
        final ImportSummary.Channel summary;
        Instant first;
        Instant last;
        Instant previous;
        /** Its rows' times as a few spans: slots and statistics are recomputed around them, not across the gaps between. */
        final TimeClusters times = new TimeClusters(CLUSTER_JOIN, MAX_CLUSTERS);
        /** The daily statistics of its rows while they come in time order; null after that. */
        ReadingDays days;
        /**
         * The slots of a new channel whose rows are copied straight into readings, while they come in time order; null
         * for any other, and after a row out of order: its slots are then recomputed from its readings once all are in.
         */
        NewSeriesSlots slots;

        Channel(ChannelKey key, StoredSeries series, boolean created, ImportSummary.Channel summary) {
            this.key = key;
            this.series = series;
            this.created = created;
            this.summary = summary;
            this.days = new ReadingDays(series.id(), series.zone());
        }

        /** Adds the row to the daily statistics; answers how many days that added. */
        int computeDays(Instant at, double value) {
            if (days == null) {
                return 0;
            }
            int before = days.size();
            if (!days.add(at, value)) {
                days = null;
                return -before;
            }
            return days.size() - before;
        }

        /** Adds the row to the new channel's slots; answers how many more slots wait to be written (fewer when dropped). */
        int computeSlots(Instant at, double value) {
            if (slots == null) {
                return 0;
            }
            int before = slots.pending();
            if (!slots.add(at, value)) {
                slots = null;
                return -before;
            }
            return slots.pending() - before;
        }

        /** Notes a staged row's time; whether it comes after every earlier row of the channel. */
        boolean staged(Instant at) {
            boolean later = previous == null || at.isAfter(previous);
            previous = at;
            first = first == null || at.isBefore(first) ? at : first;
            last = last == null || at.isAfter(last) ? at : last;
            times.add(at);
            return later;
        }
    }

    /** Imports the file (already received whole: a direct copy that must start again reads it again). */
    public ImportSummary importFile(Path file, ZoneId zone) {
        try (Connection db = database.getConnection()) {
            LockWaits.bound(db, lockTimeout);
            try {
                db.setAutoCommit(false);
                boolean committed = false;
                try {
                    ImportSummary summary = importInto(db, file, zone);
                    db.commit();
                    committed = true;
                    return summary;
                } finally {
                    if (!committed) {
                        rollback(db);
                    }
                }
            } finally {
                LockWaits.unbound(db, lockTimeout);
            }
        } catch (SQLException e) {
            throw new UncheckedSqlException(e);
        }
    }

    private static void rollback(Connection db) {
        try {
            db.rollback();
        } catch (SQLException e) {
            if (DatabaseOutage.kind(e).isEmpty()) {
                Log.warn("Rollback of a refused meter file failed", e);
            } // else the connection is gone, and its transaction with it; the failure itself is answered 503
        }
    }

    private ImportSummary importInto(Connection db, Path file, ZoneId zone) throws SQLException {
        Parsed parsed;
        try {
            parsed = parse(db, file, zone, true);
        } catch (StageInstead e) {
            Log.debugf("Meter file staged after all: %s", e.getMessage());
            db.rollback();
            parsed = parseStaged(db, file, zone);
        } catch (SQLException e) {
            if (!SqlStates.is(e, SqlStates.UNIQUE_VIOLATION)) {
                throw e;
            }
            Log.debug("Meter file repeats a channel and time: staging it to find the lines");
            db.rollback();
            parsed = parseStaged(db, file, zone);
        }
        return store(db, parsed, zone);
    }

    private Parsed parseStaged(Connection db, Path file, ZoneId zone) throws SQLException {
        try {
            return parse(db, file, zone, false);
        } catch (StageInstead e) {
            throw new IllegalStateException("a staged import cannot turn to staging", e);
        }
    }

    /** A file read whole: its rows are in readings ({@code direct}) or staged and checked for repeated times. */
    private record Parsed(MeterFileFormat format, Map<ChannelKey, Channel> channels, long rows, boolean direct) {
    }

    /** Why a direct copy is abandoned for a staged one. */
    private static final class StageInstead extends Exception {
        StageInstead(String reason) {
            super(reason, null, false, false);
        }
    }

    private Parsed parse(Connection db, Path file, ZoneId zone, boolean direct) throws SQLException, StageInstead {
        Map<ChannelKey, Channel> channels = new LinkedHashMap<>();
        List<ProblemError> errors = new ArrayList<>();
        MeterFileFormat format;
        long rows = 0;
        boolean inOrder = true; // each channel's rows come in increasing time, so none repeats a time
        int computedDays = 0;
        int pendingSlots = 0;
        try (Copy copy = new Copy(db, direct); InputStream body = Files.newInputStream(file);
                CsvReader<CsvRecord> csv = CsvReader.builder().detectBomHeader(true)
                .skipEmptyLines(true).allowMissingFields(true).allowExtraFields(true).ofCsvRecord(ClientText.strictUtf8(body))) {
            Iterator<CsvRecord> records = csv.iterator();
            if (!records.hasNext()) {
                throw ProblemException.badRequest("The file is empty; expected a header. " + MeterFileFormat.expectedHeaders(), null);
            }
            List<String> header = records.next().getFields();
            format = MeterFileFormat.byHeader(header).orElseThrow(() -> ProblemException.badRequest(
                    "Unknown layout: the header matches none of the three. " + MeterFileFormat.expectedHeaders(),
                    List.of(ProblemError.line(1, "header " + ClientText.abbreviate(String.join(",", header))))));
            try {
                while (records.hasNext()) {
                    CsvRecord record = records.next();
                    rows++;
                    int line = (int) record.getStartingLineNumber();
                    try {
                        MeterRow row = format.parse(record.getFields());
                        Instant at = instant(row.localTime(), zone);
                        Channel channel = channels.get(row.channel());
                        if (channel == null) {
                            copy.pause(); // the connection runs nothing else during a COPY
                            channel = register(db, format, row.channel(), row, zone);
                            channels.put(row.channel(), channel);
                            if (!channel.created) {
                                copy.stageFromNowOn(channel);
                            } else if (copy.direct && channel.series.profile().slotted()) {
                                channel.slots = new NewSeriesSlots(channel.series.profile(), zone);
                            }
                        } else if (!ChannelUnits.same(channel.summary.units(), row.units())) {
                            // SPEC §6: a channel's values are never mixed, and kWh and kvarh are different channels' units
                            throw new MeterFileFormat.BadRowException("units " + ClientText.abbreviate(row.units()) + " differ from "
                                    + channel.summary.units() + ", this channel's units (as stored, or as the file's first row of it gave them)");
                        }
                        if (errors.isEmpty()) {
                            copy.add(channel.series.id(), at, row.value(), line);
                            inOrder &= channel.staged(at);
                            pendingSlots += channel.computeSlots(at, row.value());
                            if (pendingSlots > MAX_PENDING_SLOTS || rows % SLOT_CHECK_ROWS == 0) {
                                pendingSlots = boundSlots(db, copy, channels.values(), pendingSlots);
                            }
                            computedDays += channel.computeDays(at, row.value());
                            if (computedDays > MAX_COMPUTED_DAYS) {
                                channels.values().forEach(c -> c.days = null);
                                computedDays = 0;
                            }
                        }
                    } catch (MeterFileFormat.BadRowException e) {
                        errors.add(ProblemError.line(line, e.getMessage()));
                        if (errors.size() == MAX_ERRORS) {
                            break;
                        }
                    }
                }
            } catch (CsvParseException e) {
                errors.add(UnreadableCsv.error(e));
            }
            if (errors.isEmpty()) {
                copy.pause();
                channels.values().stream().filter(c -> c.slots != null).forEach(c -> c.slots.finish());
                writeSlots(db, channels.values());
            }
            direct = copy.direct;
        } catch (IOException | UncheckedIOException e) {
            throw ClientText.unreadable(e);
        }
        if (!errors.isEmpty()) {
            throw ProblemException.badRequest("The file has " + (errors.size() == MAX_ERRORS ? "at least " : "") + errors.size()
                    + (errors.size() == 1 ? " bad row" : " bad rows") + "; nothing was imported", errors);
        }
        if (rows == 0) {
            throw ProblemException.badRequest("The file has a header but no rows; nothing was imported", null);
        }
        if (!direct && !inOrder) {
            refuseDuplicates(db);
        }
        return new Parsed(format, channels, rows, direct);
    }

    private ImportSummary store(Connection db, Parsed parsed, ZoneId zone) throws SQLException {
        Map<ChannelKey, Channel> channels = parsed.channels();
        Map<Long, Channel> byId = new TreeMap<>();
        channels.values().forEach(c -> byId.put(c.series.id(), c));
        for (Long id : byId.keySet()) {
            LockWaits.forOurOwn(db, lockTimeout, () -> timeSeries.lockSeries(db, id));
        }
        // the channel rows are written under the series locks, in the same order, so imports never wait on each other in a cycle
        for (Channel c : byId.values()) {
            meters.registerChannel(db, c.series.id(), c.key, c.summary.plantCode(), c.summary.units());
        }
        Set<Long> changed = new HashSet<>(byId.keySet());
        // series that had no reading in the file's range, whose readings there are now the file's rows
        Set<Long> whole = new HashSet<>(byId.keySet());
        if (!parsed.direct()) {
            List<Long> fresh = new ArrayList<>();
            List<Long> stored = new ArrayList<>();
            for (Channel c : byId.values()) {
                (meters.hasReadings(db, c.series.id(), c.first, c.last) ? stored : fresh).add(c.series.id());
            }
            changed.removeAll(stored);
            whole.removeAll(stored);
            changed.addAll(meters.moveFromStaging(db, fresh, stored));
        }
        Instant from = null;
        Instant to = null;
        for (Channel c : byId.values()) {
            // slots, rollups and daily statistics follow from the readings: a channel whose readings stayed keeps them
            if (changed.contains(c.series.id())) {
                List<TimeClusters.Span> spans = c.times.spans();
                if (parsed.direct() && c.slots != null) {
                    slotsWritten(db, c, spans);
                } else if (c.series.profile().slotted()) {
                    slots.recompute(db, c.series, spans);
                }
                if (c.days != null && whole.contains(c.series.id())) {
                    rollups.readingsWritten(db, c.series.id(), zone, c.first, c.last, c.days.finish());
                } else {
                    for (TimeClusters.Span span : spans) {
                        rollups.readingsWritten(db, c.series.id(), zone, span.first(), span.last(), null);
                    }
                }
            }
            from = from == null || c.first.isBefore(from) ? c.first : from;
            to = to == null || c.last.isAfter(to) ? c.last : to;
        }
        List<ImportSummary.Channel> summaries = channels.values().stream().map(c -> c.summary).toList();
        List<String> meterCodes = summaries.stream().map(ImportSummary.Channel::meterCode).distinct().sorted().toList();
        return new ImportSummary(parsed.format().code(), parsed.rows(), meterCodes,
                summaries.stream().sorted(Comparator.comparing(ImportSummary.Channel::meterCode)).toList(), from, to);
    }

    /**
     * The rollups of a new channel whose slots were written while its rows were read: from the hours and days summed on
     * the way when its rows make one span; otherwise read back a span at a time, so that a store that refreshes
     * aggregates later refreshes the spans, not the years between them.
     */
    private void slotsWritten(Connection db, Channel c, List<TimeClusters.Span> spans) throws SQLException {
        if (spans.size() == 1) {
            rollups.slotsWritten(db, c.series.id(), c.series.zone(), c.slots.range(), c.slots.buckets());
            return;
        }
        for (TimeRange range : Slots.affectedBySpans(spans, c.series.profile())) {
            rollups.slotsWritten(db, c.series.id(), c.series.zone(), range, null);
        }
    }

    /**
     * Keeps what new channels' slots hold within bounds, however many channels and how much time the file holds: the
     * slots waiting are written once there are many; past {@link #MAX_HELD_READINGS}, the channels' slots are given up
     * (recomputed from their readings after, which replaces any written), past {@link #MAX_HELD_BUCKETS} their rollups
     * (read back from their slots after). Answers how many slots still wait.
     */
    private int boundSlots(Connection db, Copy copy, Collection<Channel> channels, int pending) throws SQLException {
        if (pending > MAX_PENDING_SLOTS) {
            copy.pause();
            writeSlots(db, channels);
            pending = 0;
        }
        long readings = 0;
        long buckets = 0;
        for (Channel c : channels) {
            readings += c.slots == null ? 0 : c.slots.heldReadings();
            buckets += c.slots == null ? 0 : c.slots.heldBuckets();
        }
        if (readings > MAX_HELD_READINGS) {
            Log.debugf("Meter file: new channels' slots given up on the way (%d readings held); they are recomputed after", readings);
            channels.forEach(c -> c.slots = null);
            return 0;
        }
        if (buckets > MAX_HELD_BUCKETS) {
            channels.stream().filter(c -> c.slots != null).forEach(c -> c.slots.dropBuckets());
        }
        return pending;
    }

    /** Writes the new channels' slots computed so far; the rows' COPY is paused. */
    private void writeSlots(Connection db, Collection<Channel> channels) throws SQLException {
        for (Channel c : channels) {
            if (c.slots != null && c.slots.pending() > 0) {
                c.slots.write(db, timeSeries, c.series.id());
            }
        }
    }

    private void refuseDuplicates(Connection db) throws SQLException {
        List<long[]> duplicates = meters.duplicates(db, MAX_ERRORS);
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
    private Channel register(Connection db, MeterFileFormat format, ChannelKey key, MeterRow row, ZoneId zone) throws SQLException {
        SeriesSpec spec = SeriesSpec.meterChannel(key.seriesKey(), zone, format.intervalData(), ChannelUnits.same("kwh", row.units()));
        StoredSeries series = timeSeries.find(db, SeriesKind.METER, key.seriesKey());
        boolean created = false;
        if (series == null) {
            LockWaits.forOurOwn(db, lockTimeout, () -> timeSeries.lockSeries(db, NEW_CHANNEL_LOCK));
            // under the lock no other import registers meter channels, so a channel still missing is this import's
            series = timeSeries.find(db, SeriesKind.METER, key.seriesKey());
            if (series == null) {
                series = timeSeries.ensureSeries(db, spec);
                created = true;
            }
        }
        if (!series.zone().equals(zone)) {
            throw ProblemException.conflict("Meter " + key.meterCode() + " channel " + key.dataType() + " is kept in zone "
                    + series.zone() + "; import its files with zone=" + series.zone());
        }
        String storedUnits = created ? null : meters.units(db, series.id());
        if (storedUnits != null && !ChannelUnits.same(storedUnits, row.units())) {
            throw ProblemException.conflict("Meter " + key.meterCode() + " channel " + key.dataType() + " is kept in units " + storedUnits
                    + "; this file has units " + ClientText.abbreviate(row.units()));
        }
        if (series.quantity() != spec.quantity()) {
            throw ProblemException.conflict("Meter " + key.meterCode() + " channel " + key.dataType() + " was imported as "
                    + series.quantity().name().toLowerCase() + " data; this file has units " + row.units());
        }
        return new Channel(key, series, created, new ImportSummary.Channel(key.meterCode(), key.serial(), key.dataType(),
                key.period(), key.rate(), storedUnits != null ? storedUnits : row.units(), row.plantCode()));
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

    /**
     * The rows' COPY, straight into readings or into the staging table; paused (ended) while the connection runs
     * another statement, resumed by the next row.
     */
    private final class Copy implements AutoCloseable {
        private final Connection db;
        private boolean direct;
        private boolean copiedDirect;
        private BinaryCopy copy;

        Copy(Connection db, boolean direct) throws SQLException {
            this.db = db;
            this.direct = direct;
            if (!direct) {
                meters.createStaging(db);
            }
        }

        /** A channel with stored readings comes: the rest of the file is staged, or all of it when some went direct. */
        void stageFromNowOn(Channel known) throws SQLException, StageInstead {
            if (direct && copiedDirect) {
                throw new StageInstead("channel " + known.series.id() + " has readings");
            }
            if (direct) {
                direct = false;
                meters.createStaging(db);
            }
        }

        void add(long seriesId, Instant at, double value, int line) throws SQLException {
            if (copy == null) {
                copy = direct ? meters.startReadings(db) : meters.startStaging(db);
            }
            if (direct) {
                meters.read(copy, seriesId, at, value);
                copiedDirect = true;
            } else {
                meters.stage(copy, seriesId, at, value, line);
            }
        }

        void pause() throws SQLException {
            if (copy != null) {
                copy.end();
                copy = null;
            }
        }

        /** A COPY still open here is abandoned: the import failed, and the transaction rolls back. */
        @Override
        public void close() {
            if (copy != null) {
                copy.cancel();
            }
        }
    }
}

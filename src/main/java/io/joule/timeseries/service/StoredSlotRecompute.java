package io.joule.timeseries.service;

import io.joule.pipeline.Reading;
import io.joule.pipeline.SeriesProfile;
import io.joule.pipeline.Slot;
import io.joule.pipeline.SlotStream;
import io.joule.pipeline.Slots;
import io.joule.pipeline.TimeClusters;
import io.joule.pipeline.TimeRange;
import io.joule.timeseries.RollupStore;
import io.joule.timeseries.SlotBuckets;
import io.joule.timeseries.StoredSeries;
import io.joule.timeseries.repository.TimeSeriesRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/**
 * Recomputes, on a JDBC connection, the slots and rollups that readings already stored in a few spans of time affect
 * (a bulk import writes the readings first). The readings are read in time order a page at a time into a
 * {@link SlotStream}, which computes a window of slots once a page more is read, so memory is bounded by two pages and
 * the context, however many readings the range holds; the result equals one computation over the whole range.
 * The caller holds the series' lock in {@code db}'s transaction.
 */
@ApplicationScoped
public class StoredSlotRecompute {
    static final int PAGE = 10_000;
    /** The most hourly and daily rollups held for one range (a few MB). */
    public static final int MAX_BUCKETS = 100_000;
    private final TimeSeriesRepository repository;
    private final RollupStore rollups;

    public StoredSlotRecompute(TimeSeriesRepository repository, RollupStore rollups) {
        this.repository = repository;
        this.rollups = rollups;
    }

    /**
     * The number of slots written: the slots around each span's readings, as if all were computed at once. Slots between
     * spans, which no reading of theirs reaches, are left as they are.
     */
    public int recompute(Connection db, StoredSeries series, List<TimeClusters.Span> spans) throws SQLException {
        SeriesProfile profile = series.profile();
        List<TimeRange> affected = Slots.affectedBySpans(spans, profile);
        Changed changed = new Changed(db, series);
        int written = 0;
        for (TimeRange range : affected) {
            written += recompute(db, series, range, changed);
        }
        changed.flush();
        return written;
    }

    private int recompute(Connection db, StoredSeries series, TimeRange affected, Changed changed) throws SQLException {
        TimeRange context = Slots.contextFor(affected, series.profile());
        SlotStream stream = SlotStream.within(series.profile(), affected, PAGE);
        // ts > after: timestamps are whole microseconds, so this takes the context's first instant too
        Instant after = context.from().minusNanos(1_000);
        int written = 0;
        List<Reading> page;
        do {
            page = repository.readingsAfter(db, series.id(), after, context.to(), PAGE);
            for (Reading reading : page) {
                Instant from = stream.done();
                List<Slot> slots = stream.add(reading);
                written += replace(db, series, from, stream.done(), slots, changed);
            }
            after = page.isEmpty() ? after : page.get(page.size() - 1).time();
        } while (page.size() == PAGE);
        Instant from = stream.done();
        List<Slot> slots = stream.finish();
        return written + replace(db, series, from, stream.done(), slots, changed);
    }

    /** Replaces the slots of the window [from, to) the stream gave out, unless it gave none (to is from). */
    private int replace(Connection db, StoredSeries series, Instant from, Instant to, List<Slot> slots, Changed changed)
            throws SQLException {
        if (!to.isAfter(from)) {
            return 0;
        }
        TimeRange window = new TimeRange(from, to);
        int deleted = repository.deleteSlots(db, series.id(), window);
        if (deleted == 0 && slots.isEmpty()) {
            return 0;
        }
        repository.copySlots(db, series.id(), slots);
        changed.add(window, slots);
        return slots.size();
    }

    /**
     * The slot ranges replaced so far, adjacent windows joined into one, whose rollups are refreshed once a range is
     * complete: one refresh per stretch of data rather than per page. The range's rollups are computed from its slots
     * on the way ({@link SlotBuckets}), up to {@link #MAX_BUCKETS} of them; past that they are read back from the slots.
     */
    private final class Changed {
        private final Connection db;
        private final StoredSeries series;
        private TimeRange range;
        private SlotBuckets buckets;

        Changed(Connection db, StoredSeries series) {
            this.db = db;
            this.series = series;
        }

        void add(TimeRange window, List<Slot> slots) throws SQLException {
            if (range != null && range.to().equals(window.from())) {
                range = new TimeRange(range.from(), window.to());
            } else {
                flush();
                range = window;
                buckets = new SlotBuckets(series.zone());
            }
            buckets = buckets == null ? null : buckets.addAll(slots, MAX_BUCKETS);
        }

        void flush() throws SQLException {
            if (range != null) {
                rollups.slotsWritten(db, series.id(), series.zone(), range, buckets == null ? null : buckets.finish());
                range = null;
            }
        }
    }
}

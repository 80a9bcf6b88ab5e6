package io.joule.timeseries.service;

import io.joule.pipeline.Reading;
import io.joule.pipeline.SeriesProfile;
import io.joule.pipeline.Slot;
import io.joule.pipeline.SlotStream;
import io.joule.pipeline.TimeRange;
import io.joule.timeseries.SlotBuckets;
import io.joule.timeseries.repository.TimeSeriesRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The slots of a series created by a bulk import, computed while its readings are copied in time order, so that they
 * need not be read back once all are stored ({@link StoredSlotRecompute} does that otherwise). The slots wait here until
 * {@link #write} (between the readings' COPYs), and their rollups are summed on the way, up to
 * {@link StoredSlotRecompute#MAX_BUCKETS} of them. The caller holds the series' transaction; the series is its own.
 */
public final class NewSeriesSlots {
    /** Charged to every series for its stream and rollups' own objects, as so many readings held. */
    static final int OWN_READINGS = 64;
    private final SlotStream stream;
    private List<Slot> pending = new ArrayList<>();
    private SlotBuckets buckets;

    public NewSeriesSlots(SeriesProfile profile, ZoneId zone) {
        this.stream = new SlotStream(profile);
        this.buckets = new SlotBuckets(zone);
    }

    /** Adds the next reading; false, and nothing added, when it does not come after the one before. */
    public boolean add(Instant at, double value) {
        if (!stream.follows(at)) {
            return false;
        }
        hold(stream.add(new Reading(at, value)));
        return true;
    }

    /** After the last reading: the remaining slots wait for {@link #write}. */
    public void finish() {
        hold(stream.finish());
        if (buckets != null) {
            buckets.finish();
        }
    }

    /** How many slots wait to be written. */
    public int pending() {
        return pending.size();
    }

    /** Copies the waiting slots into the series' (its connection runs nothing else meanwhile). */
    public void write(Connection db, TimeSeriesRepository repository, long seriesId) throws SQLException {
        repository.copySlots(db, seriesId, pending);
        pending = new ArrayList<>(); // not cleared in place, which would keep the array of the most ever held
    }

    /** How many readings are held for slots not yet computed, and the series' own objects counted as readings. */
    public int heldReadings() {
        return stream.held() + OWN_READINGS;
    }

    /** How many hours and days of rollups are held. */
    public int heldBuckets() {
        return buckets == null ? 0 : buckets.size();
    }

    /** Gives up summing the rollups: they are read back from the slots instead. */
    public void dropBuckets() {
        buckets = null;
    }

    /** Every slot the readings make starts in this range (null before the first reading). */
    public TimeRange range() {
        return stream.range();
    }

    /** The rollups of all the slots, once {@link #finish finished}; null when there were too many to hold. */
    public SlotBuckets buckets() {
        return buckets;
    }

    private void hold(List<Slot> slots) {
        pending.addAll(slots);
        buckets = buckets == null ? null : buckets.addAll(slots, StoredSlotRecompute.MAX_BUCKETS);
    }
}

package io.joule.timeseries.service;

import io.joule.pipeline.Reading;
import io.joule.pipeline.Readings;
import io.joule.pipeline.Slot;
import io.joule.pipeline.Slots;
import io.joule.pipeline.TimeRange;
import io.joule.problem.ProblemException;
import io.joule.series.SeriesSpec;
import io.joule.timeseries.StoredSeries;
import io.joule.timeseries.WriteSummary;
import io.joule.timeseries.RollupStore;
import io.joule.timeseries.WriteMemory;
import io.joule.time.Timestamps;
import io.joule.timeseries.repository.TimeSeriesRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Stores a batch of canonical readings and recomputes the slots it affects, in one transaction
 * under the series' advisory lock, so the slots and their rollups never depend on batch order or split.
 */
@ApplicationScoped
public class TimeSeriesWriter {
    /**
     * Most slots one series' write may compute: about 14 years of 15-minute slots, above a largest ship batch of hourly
     * readings (100,000 × 4). They are held in memory until written (about 160 bytes each with their bound arrays).
     */
    static final int MAX_SLOTS_PER_WRITE = 500_000;

    /** Most stored readings one series' write reads back around its own, held in memory as the slots are. */
    static final int MAX_STORED_READINGS_PER_WRITE = 500_000;

    private static final Instant LAST_SHOWN = Instant.parse("9999-12-31T23:59:59Z");

    private final Pool pool;
    private final TimeSeriesRepository repository;
    private final RollupStore rollups;
    private final WriteMemory memory;
    private final int maxSlots;
    private final int maxStoredReadings;

    @Inject
    public TimeSeriesWriter(Pool pool, TimeSeriesRepository repository, RollupStore rollups, WriteMemory memory) {
        this(pool, repository, rollups, memory, MAX_SLOTS_PER_WRITE, MAX_STORED_READINGS_PER_WRITE);
    }

    /** With other limits, so a test can reach them with a few readings. */
    TimeSeriesWriter(Pool pool, TimeSeriesRepository repository, RollupStore rollups, WriteMemory memory, int maxSlots, int maxStoredReadings) {
        this.pool = pool;
        this.repository = repository;
        this.rollups = rollups;
        this.memory = memory;
        this.maxSlots = maxSlots;
        this.maxStoredReadings = maxStoredReadings;
    }

    /** @param readings sorted by time, distinct times, in the spec's canonical unit */
    public Uni<WriteSummary> write(SeriesSpec spec, List<Reading> readings) {
        return pool.withTransaction(db -> write(db, spec, readings));
    }

    /** Several series in one transaction: all stored or none. Locks are taken in the map's order. */
    public Uni<List<WriteSummary>> writeAll(java.util.SortedMap<SeriesSpec, List<Reading>> batches) {
        // one series after another as a stream, not a chain of nested Unis whose depth grows with the number of series
        return pool.withTransaction(db -> Multi.createFrom().iterable(batches.entrySet())
                .onItem().transformToUniAndConcatenate(batch -> write(db, batch.getKey(), batch.getValue()))
                .collect().asList());
    }

    /** One series' write; what it holds in memory is counted until it ends ({@link WriteMemory}). */
    private Uni<WriteSummary> write(SqlConnection db, SeriesSpec spec, List<Reading> readings) {
        return Uni.createFrom().deferred(() -> {
            WriteMemory.Lease lease = memory.lease();
            return repository.ensureSeries(db, spec)
                    .invoke(series -> requireSameQuantity(spec, series))
                    .flatMap(series -> recompute(db, series, readings, lease))
                    .eventually(lease::close);
        });
    }

    /**
     * Takes the series' lock and reads the stored neighbourhood of each written reading, so an append reads next to
     * nothing and readings far apart cost what their neighbourhoods cost, not the span between them: the batch is merged
     * in memory, where its values replace stored ones. Statements that do not need an answer in Java are pipelined:
     * sent together, they run in order on the connection (the read after the lock is granted; the rollups after the
     * slots they read), without a round trip between them.
     */
    private Uni<WriteSummary> recompute(SqlConnection db, StoredSeries series, List<Reading> written, WriteMemory.Lease lease) {
        List<TimeRange> affected = Slots.affectedBy(written, series.profile());
        List<TimeRange> context = Slots.contextFor(affected, series.profile());
        return Uni.combine().all()
                .unis(repository.lockSeries(db, series.id()),
                        repository.readings(db, series.id(), context, maxStoredReadings + 1, lease))
                .with((locked, stored) -> stored)
                .invoke(stored -> {
                    if (stored.size() > maxStoredReadings) {
                        throw ProblemException.contentTooLarge(String.format(Locale.ROOT, "This batch's readings lie among more than %,d stored readings of "
                                + "the series; send it in parts spanning less time", maxStoredReadings));
                    }
                })
                .flatMap(stored -> {
                    List<Reading> merged = Readings.merge(stored, written);
                    boolean replacing = merged.size() < stored.size() + written.size();
                    // The readings are sent before the slots are computed, so PostgreSQL stores them meanwhile.
                    Uni<Void> readingsWritten = repository.writeReadings(db, series.id(), written, replacing);
                    Uni<Integer> slotsWritten = Uni.createFrom().deferred(() -> {
                        lease.take(Math.min(Slots.slotsIn(affected), maxSlots));
                        List<Slot> slots = computeSlots(series, merged, affected, maxSlots);
                        return Uni.combine().all()
                                .unis(repository.replaceSlots(db, series.id(), affected, slots),
                                        rollups.slotsWritten(db, series.id(), series.zone(), affected, slots))
                                .discardItems()
                                .replaceWith(slots.size());
                    });
                    return Uni.combine().all().unis(readingsWritten, slotsWritten)
                            .with((ignored, slotCount) -> new WriteSummary(series.id(), written.size(), slotCount,
                                    shownFrom(affected.get(0).from()), shownTo(affected.get(affected.size() - 1).to())));
                });
    }

    /**
     * The summary's bounds within the years answers are in: no slot starts before the first supported reading, nor after
     * 9999-12-31T23:45; the range's own bounds could be 1899-12-31 or +10000-01-01, which is no RFC 3339 timestamp.
     */
    static Instant shownFrom(Instant from) {
        return from.isBefore(Timestamps.EARLIEST) ? Timestamps.EARLIEST : from;
    }

    static Instant shownTo(Instant to) {
        return to.isAfter(LAST_SHOWN) ? LAST_SHOWN : to;
    }

    private static List<Slot> computeSlots(StoredSeries series, List<Reading> merged, List<TimeRange> affected, int maxSlots) {
        try {
            return Slots.compute(merged, series.profile(), affected, maxSlots);
        } catch (Slots.TooManySlotsException e) {
            throw ProblemException.contentTooLarge(String.format(Locale.ROOT, "The readings of this series cover more than %,d 15-minute slots (a "
                    + "change-of-value reading holds for up to a day); send them in parts spanning less time", maxSlots));
        }
    }

    private static void requireSameQuantity(SeriesSpec spec, StoredSeries series) {
        if (series.quantity() != spec.quantity()) {
            throw ProblemException.conflict(String.format("%s %s holds %s readings; this batch is %s. Send it in units of %s.",
                    spec.kind().code(), spec.key(), name(series.quantity()), name(spec.quantity()),
                    series.quantity() == io.joule.pipeline.Quantity.POWER ? "W, kW or MW" : "Wh, kWh or MWh"));
        }
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(Locale.ROOT);
    }
}

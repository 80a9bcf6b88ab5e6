package io.joule.timeseries.service;

import io.joule.pipeline.Reading;
import io.joule.pipeline.Readings;
import io.joule.pipeline.Slot;
import io.joule.pipeline.Readings;
import io.joule.pipeline.Slots;
import io.joule.pipeline.TimeRange;
import io.joule.problem.ProblemException;
import io.joule.series.SeriesSpec;
import io.joule.timeseries.StoredSeries;
import io.joule.timeseries.WriteSummary;
import io.joule.timeseries.RollupStore;
import io.joule.timeseries.repository.TimeSeriesRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Stores a batch of canonical readings and recomputes the slots it affects, in one transaction
 * under the series' advisory lock, so the slots and their rollups never depend on batch order or split.
 */
@ApplicationScoped
public class TimeSeriesWriter {
    static final Duration RECOMPUTE_WINDOW = Duration.ofDays(14);
    private final Pool pool;
    private final TimeSeriesRepository repository;
    private final RollupStore rollups;

    public TimeSeriesWriter(Pool pool, TimeSeriesRepository repository, RollupStore rollups) {
        this.pool = pool;
        this.repository = repository;
        this.rollups = rollups;
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

    private Uni<WriteSummary> write(SqlConnection db, SeriesSpec spec, List<Reading> readings) {
        return repository.ensureSeries(db, spec)
                .call(series -> repository.lockSeries(db, series.id()))
                .invoke(series -> requireSameQuantity(spec, series))
                .flatMap(series -> recompute(db, series, readings));
    }

    /**
     * Reads the stored neighbourhood before writing, so an append reads next to nothing: the
     * batch is merged in memory, where its values replace stored ones. The reading and slot
     * writes are independent, so they are pipelined on the connection.
     */
    private Uni<WriteSummary> recompute(SqlConnection db, StoredSeries series, List<Reading> written) {
        TimeRange affected = Slots.affectedBy(written.get(0).time(), written.get(written.size() - 1).time(), series.profile());
        TimeRange context = Slots.contextFor(affected, series.profile());
        return repository.readings(db, series.id(), context).flatMap(stored -> {
            List<Reading> merged = Readings.merge(stored, written);
            boolean replacing = merged.size() < stored.size() + written.size();
            List<Slot> slots = Slots.compute(merged, series.profile(), affected);
            return Uni.combine().all()
                    .unis(repository.writeReadings(db, series.id(), written, replacing),
                            repository.replaceSlots(db, series.id(), affected, slots))
                    .discardItems()
                    .call(() -> rollups.slotsWritten(db, series.id(), series.zone(), affected))
                    .replaceWith(new WriteSummary(series.id(), written.size(), slots.size(), affected.from(), affected.to()));
        });
    }

    /**
     * Recomputes the slots and rollups that readings already stored in [minTime, maxTime] affect,
     * a window of {@link #RECOMPUTE_WINDOW} at a time so that memory stays bounded however long
     * the range. Windows run one after another as a repetition (not nested Unis, whose depth would
     * grow with the span), and a window with no reading near it, which has no slots, is skipped to
     * the next stored reading, so the work grows with the readings, not the span. The caller holds
     * the series' lock in {@code db}'s transaction.
     */
    public Uni<Integer> recomputeStored(SqlConnection db, StoredSeries series, Instant minTime, Instant maxTime) {
        TimeRange affected = Slots.affectedBy(minTime, maxTime, series.profile());
        return Multi.createBy().repeating()
                .uni(() -> new Instant[] {affected.from()}, next -> next[0].isBefore(affected.to())
                        ? recomputeWindow(db, series, affected, next) : Uni.createFrom().item(-1))
                .until(count -> count < 0)
                .collect().with(Collectors.summingInt(Integer::intValue));
    }

    /** Recomputes the window starting at {@code next[0]} and moves {@code next[0]} to where the next one starts. */
    private Uni<Integer> recomputeWindow(SqlConnection db, StoredSeries series, TimeRange affected, Instant[] next) {
        Instant from = next[0];
        Instant to = from.plus(RECOMPUTE_WINDOW).isBefore(affected.to()) ? from.plus(RECOMPUTE_WINDOW) : affected.to();
        TimeRange window = new TimeRange(from, to);
        return repository.readings(db, series.id(), Slots.contextFor(window, series.profile())).flatMap(around -> {
            if (around.isEmpty()) {
                // a slot needs a reading at most max(max_gap, 15 min) before it: none until the next stored reading
                return repository.nextAfter(db, series.id(), to).map(t -> {
                    if (t == null) {
                        next[0] = affected.to();
                    } else {
                        next[0] = Slots.floor(t).isAfter(to) ? Slots.floor(t) : to;
                    }
                    return 0;
                });
            }
            next[0] = to;
            List<Slot> slots = Slots.compute(around, series.profile(), window);
            return repository.replaceSlots(db, series.id(), window, slots)
                    .call(() -> rollups.slotsWritten(db, series.id(), series.zone(), window))
                    .replaceWith(slots.size());
        });
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

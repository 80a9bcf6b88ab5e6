package io.joule.ship.service;

import io.joule.pipeline.Slot;
import io.joule.pipeline.TimeRange;
import io.joule.series.SeriesKind;
import io.joule.series.SeriesSpec;
import io.joule.series.repository.SeriesRepository;
import io.joule.ship.IngestSummary;
import io.joule.ship.ShipBatch;
import io.joule.ship.ShipUsage;
import io.joule.ship.SlotLabel;
import io.joule.timeseries.repository.TimeSeriesRepository;
import io.joule.timeseries.service.TimeSeriesWriter;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

@ApplicationScoped
public class ShipDataService {
    private final TimeSeriesWriter writer;
    private final TimeSeriesRepository timeSeries;
    private final SeriesRepository series;
    private final Pool pool;

    public ShipDataService(TimeSeriesWriter writer, TimeSeriesRepository timeSeries, SeriesRepository series, Pool pool) {
        this.writer = writer;
        this.timeSeries = timeSeries;
        this.series = series;
        this.pool = pool;
    }

    /** Stores the batch (registering a new ship) and recomputes its slots. */
    public Uni<IngestSummary> ingest(ShipBatch batch) {
        SeriesSpec spec = SeriesSpec.ship(batch.spaceshipId(), batch.unit().quantity());
        return writer.write(spec, batch.readings())
                .map(w -> new IngestSummary(batch.spaceshipId(), w.readings(), w.slotsWritten(), w.from(), w.to()));
    }

    /**
     * One page of the ship's slots whose start is in the range and whose shown datetime is after
     * {@code after} (null: from the range's start), ascending, in kWh, at most {@code limit} of them.
     * Keyset paging: the next page starts after the last datetime shown, so a page is read by index
     * range whatever its depth, and a slot written meanwhile is never shown twice.
     */
    public Uni<Page> usage(long spaceshipId, TimeRange range, SlotLabel label, Instant after, int limit) {
        String key = Long.toString(spaceshipId);
        Instant from = range.from();
        if (after != null) {
            Instant justAfter = label.slotStart(after).plus(1, ChronoUnit.MICROS);
            from = justAfter.isAfter(from) ? justAfter : from;
        }
        TimeRange rest = from.isBefore(range.to()) ? new TimeRange(from, range.to()) : null;
        return series.require(SeriesKind.SHIP, key, "No data for spaceship " + spaceshipId)
                .flatMap(s -> rest == null ? Uni.createFrom().item(List.<Slot>of()) : timeSeries.slots(pool, s.id, rest, limit + 1))
                .map(slots -> {
                    List<ShipUsage.Point> points = slots.stream().limit(limit)
                            .map(slot -> new ShipUsage.Point(label.show(slot.start()), slot.kwh()))
                            .toList();
                    Instant nextAfter = slots.size() > limit ? points.get(limit - 1).datetime() : null;
                    return new Page(new ShipUsage(spaceshipId, "kWh", points, null), nextAfter);
                });
    }

    /** A page of usage, and the {@code after} of the next page (null on the last page). */
    public record Page(ShipUsage usage, Instant nextAfter) {
    }
}

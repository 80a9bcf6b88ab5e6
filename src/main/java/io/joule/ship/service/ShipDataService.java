package io.joule.ship.service;

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

    /** The ship's slots whose start is in the range, ascending, in kWh. */
    public Uni<ShipUsage> usage(long spaceshipId, TimeRange range, SlotLabel label) {
        String key = Long.toString(spaceshipId);
        return series.require(SeriesKind.SHIP, key, "No data for spaceship " + spaceshipId)
                .flatMap(s -> timeSeries.slots(pool, s.id, range))
                .map(slots -> new ShipUsage(spaceshipId, "kWh", slots.stream()
                        .map(slot -> new ShipUsage.Point(label.show(slot.start()), slot.kwh()))
                        .toList()));
    }
}

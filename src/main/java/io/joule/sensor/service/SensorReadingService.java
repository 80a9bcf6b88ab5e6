package io.joule.sensor.service;

import io.joule.pipeline.Consumption;
import io.joule.pipeline.Reading;
import io.joule.pipeline.TimeRange;
import io.joule.problem.ProblemException;
import io.joule.sensor.Sensor;
import io.joule.series.SeriesKind;
import io.joule.timeseries.RollupStore;
import io.joule.timeseries.repository.TimeSeriesRepository;
import io.joule.timeseries.WriteMemory;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Stores water levels and keeps consumption current (SPEC §4): the rises of every reading whose
 * predecessor may have changed are recomputed into slots and daily rollups, in the write's
 * transaction, so arrival order does not matter.
 */
@ApplicationScoped
public class SensorReadingService {
    /**
     * Most levels one sensor's write reads back to recompute its slots, its own included: levels may be a microsecond
     * apart, so a few batches can pile a million into one slot, and every later write touching it would hold them all.
     */
    static final int MAX_LEVELS_READ_PER_WRITE = 500_000;

    private final Pool pool;
    private final TimeSeriesRepository timeSeries;
    private final RollupStore rollups;
    private final WriteMemory memory;
    private final int maxLevelsRead;

    @Inject
    public SensorReadingService(Pool pool, TimeSeriesRepository timeSeries, RollupStore rollups, WriteMemory memory) {
        this(pool, timeSeries, rollups, memory, MAX_LEVELS_READ_PER_WRITE);
    }

    /** With another limit, so a test can reach it with a few levels. */
    SensorReadingService(Pool pool, TimeSeriesRepository timeSeries, RollupStore rollups, WriteMemory memory, int maxLevelsRead) {
        this.pool = pool;
        this.timeSeries = timeSeries;
        this.rollups = rollups;
        this.memory = memory;
        this.maxLevelsRead = maxLevelsRead;
    }

    /** The registered sensors of the batch, or 404 naming the first unknown one. */
    public Uni<List<Sensor>> sensors(Iterable<String> ids) {
        List<String> wanted = new ArrayList<>();
        ids.forEach(wanted::add);
        return Panache.withSession(() -> Sensor.<Sensor>list("sensorId in ?1", wanted)).invoke(found -> {
            if (found.size() < wanted.size()) {
                List<String> known = found.stream().map(s -> s.sensorId).toList();
                String missing = wanted.stream().filter(id -> !known.contains(id)).findFirst().orElse("?");
                throw ProblemException.notFound("No sensor " + missing);
            }
        });
    }

    /** @return the number of readings stored */
    public Uni<Integer> write(Map<String, List<Reading>> bySensor) {
        return pool.withTransaction(db -> {
            Uni<Integer> done = Uni.createFrom().item(0);
            for (Map.Entry<String, List<Reading>> e : bySensor.entrySet()) {
                done = done.flatMap(count -> writeOne(db, e.getKey(), e.getValue()).map(n -> count + n));
            }
            return done;
        });
    }

    /** One sensor's write; the levels it reads back are counted in {@link WriteMemory} until it ends. */
    private Uni<Integer> writeOne(SqlConnection db, String sensorId, List<Reading> levels) {
        WriteMemory.Lease lease = memory.lease();
        List<Instant> times = levels.stream().map(Reading::time).toList();
        return timeSeries.find(db, SeriesKind.SENSOR, sensorId)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("No sensor " + sensorId))
                .flatMap(series -> timeSeries.lockSeries(db, series.id())
                        .chain(() -> timeSeries.writeReadings(db, series.id(), levels, true))
                        .chain(() -> timeSeries.nextAfterEach(db, series.id(), Consumption.successorLookups(times)))
                        .flatMap(successors -> {
                            List<TimeRange> ranges = Consumption.affectedBy(times, successors);
                            return timeSeries.readingsWithPrevious(db, series.id(), ranges, maxLevelsRead + 1, lease)
                                    .invoke(around -> {
                                        if (around.stream().mapToInt(List::size).sum() > maxLevelsRead) {
                                            throw ProblemException.contentTooLarge(String.format(Locale.ROOT, "These levels lie among "
                                                    + "more than %,d stored levels of sensor %s; send fewer levels a slot", maxLevelsRead, sensorId));
                                        }
                                    })
                                    .map(around -> Consumption.compute(around, ranges))
                                    .call(slots -> timeSeries.replaceSlots(db, series.id(), ranges, slots))
                                    .call(slots -> rollups.slotsWritten(db, series.id(), series.zone(), ranges, slots));
                        }))
                .replaceWith(levels.size())
                .eventually(lease::close);
    }
}

package io.joule.carbon.service;

import io.joule.carbon.Footprint;
import io.joule.carbon.repository.IntensityRepository;
import io.joule.pipeline.Slots;
import io.joule.pipeline.TimeRange;
import io.joule.problem.ProblemException;
import io.joule.series.SeriesKind;
import io.joule.series.repository.SeriesRepository;
import io.joule.timeseries.repository.TimeSeriesRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

/**
 * An asset's footprint on a local day ({@link Footprint#of}, SPEC §7) from its stored slots and the grid's intensities.
 * HalfHourId 1 starts at local midnight of the date in the requested zone: 46 or 50 ids on DST change days.
 */
@ApplicationScoped
public class FootprintService {
    private final SeriesRepository series;
    private final TimeSeriesRepository timeSeries;
    private final IntensityRepository intensity;
    private final Pool pool;

    public FootprintService(SeriesRepository series, TimeSeriesRepository timeSeries, IntensityRepository intensity, Pool pool) {
        this.series = series;
        this.timeSeries = timeSeries;
        this.intensity = intensity;
        this.pool = pool;
    }

    public Uni<Footprint> footprint(String assetId, LocalDate date, Integer fromId, Integer toId, ZoneId zone, String region) {
        Instant dayStart = date.atStartOfDay(zone).toInstant();
        if (!Slots.floor(dayStart).equals(dayStart)) {
            // an old local mean time (Africa/Monrovia until 1972: -00:44:30); every half-hour would be blank
            throw ProblemException.badParameter("zone", "Local midnight of " + date + " in " + zone + " is " + dayStart
                    + ", between two 15-minute slots, so its half-hours cannot be made of slots; ask in UTC");
        }
        Instant dayEnd = date.plusDays(1).atStartOfDay(zone).toInstant();
        int ids = (int) (Duration.between(dayStart, dayEnd).toMinutes() / 30);
        int first = fromId == null ? 1 : fromId;
        int last = toId == null ? ids : toId;
        if (first < 1 || first > ids) {
            throw ProblemException.badParameter("from", "HalfHourId from 1 to " + ids + " on " + date + " in " + zone);
        }
        if (last < first || last > ids) {
            throw ProblemException.badParameter("to", "HalfHourId from " + first + " to " + ids + " on " + date + " in " + zone);
        }
        Instant from = dayStart.plus(Footprint.HALF_HOUR.multipliedBy(first - 1));
        Instant to = dayStart.plus(Footprint.HALF_HOUR.multipliedBy(last));
        TimeRange range = new TimeRange(from, to);
        return series.require(SeriesKind.ASSET, assetId, "No data for asset " + assetId)
                .flatMap(asset -> timeSeries.slots(pool, asset.id, range))
                .flatMap(slots -> intensity.between(region, Footprint.HalfHour.periodStart(from), to).map(periods -> {
                    Map<Instant, Double> energyBySlot = new HashMap<>();
                    slots.forEach(s -> energyBySlot.put(s.start(), s.kwh()));
                    return Footprint.of(assetId, date, zone.getId(), region, dayStart, first, last, energyBySlot, periods);
                }));
    }
}

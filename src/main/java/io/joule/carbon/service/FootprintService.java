package io.joule.carbon.service;

import io.joule.carbon.Footprint;
import io.joule.carbon.IntensityPeriod;
import io.joule.carbon.repository.IntensityRepository;
import io.joule.pipeline.Slot;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Footprint (gCO2eq) = half-hour energy (kWh, the sum of its two 15-minute slots) × intensity
 * (gCO2/kWh, actual where known, else forecast) — SPEC §7. HalfHourId 1 starts at local
 * midnight of the date in the requested zone: 46 or 50 ids on DST change days.
 */
@ApplicationScoped
public class FootprintService {
    static final Duration HALF_HOUR = Duration.ofMinutes(30);
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
        Instant from = dayStart.plus(HALF_HOUR.multipliedBy(first - 1));
        Instant to = dayStart.plus(HALF_HOUR.multipliedBy(last));
        TimeRange range = new TimeRange(from, to);
        return series.require(SeriesKind.ASSET, assetId, "No data for asset " + assetId)
                .flatMap(asset -> timeSeries.slots(pool, asset.id, range))
                .flatMap(slots -> intensity.between(region, from, to).map(periods -> build(assetId, date, zone, region, first, last,
                        dayStart, slots, periods)));
    }

    private static Footprint build(String assetId, LocalDate date, ZoneId zone, String region, int first, int last, Instant dayStart,
            List<Slot> slots, Map<Instant, IntensityPeriod> periods) {
        Map<Instant, Double> energyBySlot = new HashMap<>();
        slots.forEach(s -> energyBySlot.put(s.start(), s.kwh()));
        List<Footprint.HalfHour> halfHours = new ArrayList<>();
        Double total = null;
        for (int id = first; id <= last; id++) {
            Instant start = dayStart.plus(HALF_HOUR.multipliedBy(id - 1));
            Double a = energyBySlot.get(start);
            Double b = energyBySlot.get(start.plus(Slots.SLOT));
            Double energy = a == null && b == null ? null : (a == null ? 0 : a) + (b == null ? 0 : b);
            IntensityPeriod period = periods.get(start);
            Double value = period == null ? null : period.actual() != null ? period.actual() : period.forecast();
            String type = period == null ? null : period.actual() != null ? "actual" : "forecast";
            Double footprint = energy == null || value == null ? null : energy * value;
            if (footprint != null) {
                total = total == null ? footprint : total + footprint;
            }
            halfHours.add(new Footprint.HalfHour(id, start, start.plus(HALF_HOUR), energy, value, type, footprint));
        }
        return new Footprint(assetId, date, zone.getId(), region, halfHours, total);
    }
}

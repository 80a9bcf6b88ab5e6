package io.joule.carbon;

import io.joule.pipeline.Slots;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An asset's half-hourly carbon footprint on a local day; nulls where energy or intensity is unknown. */
public record Footprint(String assetId, LocalDate date, String zone, String region, List<HalfHour> halfHours, Double totalG) {
    public static final Duration HALF_HOUR = Duration.ofMinutes(30);

    public record HalfHour(int halfHourId, Instant start, Instant end, Double energyKwh, Double intensity, String intensityType,
            Double footprintG) {

        /**
         * SPEC §7: footprint = half-hour energy (the sum of its two 15-minute slots) × intensity (actual where known, else
         * forecast). Local half-hours of a zone offset by :15 or :45 (Asia/Kathmandu) straddle two of the grid's half-hours,
         * so each slot takes the intensity of the period it lies in: the footprint is the sum of the two products, the
         * intensity the mean of the two periods', and its type "actual" only when both are. A slot without energy needs no
         * intensity (it adds zero); one with energy in a period without intensity leaves the footprint unknown.
         *
         * @param energyBySlot kWh by slot start; a slot absent counts zero beside one present, and both absent is no energy
         * @param periods the grid's half-hours by start (:00 and :30 UTC)
         */
        public static HalfHour of(int id, Instant start, Map<Instant, Double> energyBySlot, Map<Instant, IntensityPeriod> periods) {
            Instant second = start.plus(Slots.SLOT);
            Double a = energyBySlot.get(start);
            Double b = energyBySlot.get(second);
            Double energy = a == null && b == null ? null : zeroIfAbsent(a) + zeroIfAbsent(b);
            IntensityPeriod first = periods.get(periodStart(start));
            IntensityPeriod last = periods.get(periodStart(second));
            if (periodStart(start).equals(periodStart(second))) {
                return of(id, start, energy, first);
            }
            // across two grid half-hours; one without intensity is needed only if its slot has energy
            if (!known(last)) {
                return of(id, start, energy, b == null ? first : null);
            }
            if (!known(first)) {
                return of(id, start, energy, a == null ? last : null);
            }
            String type = first.actual() != null && last.actual() != null ? "actual" : "forecast";
            Double footprint = energy == null ? null : zeroIfAbsent(a) * first.value() + zeroIfAbsent(b) * last.value();
            return new HalfHour(id, start, start.plus(HALF_HOUR), energy, (first.value() + last.value()) / 2, type, footprint);
        }

        /** The half-hour's energy times one grid half-hour's intensity, or nulls without it. */
        private static HalfHour of(int id, Instant start, Double energy, IntensityPeriod period) {
            if (!known(period)) {
                return new HalfHour(id, start, start.plus(HALF_HOUR), energy, null, null, null);
            }
            return new HalfHour(id, start, start.plus(HALF_HOUR), energy, period.value(), period.actual() != null ? "actual" : "forecast",
                    energy == null ? null : energy * period.value());
        }

        private static boolean known(IntensityPeriod period) {
            return period != null && period.value() != null;
        }

        private static double zeroIfAbsent(Double kwh) {
            return kwh == null ? 0 : kwh;
        }

        /** The start of the grid half-hour holding this instant (floorMod: instants before 1970 count too). */
        public static Instant periodStart(Instant t) {
            return Instant.ofEpochSecond(t.getEpochSecond() - Math.floorMod(t.getEpochSecond(), HALF_HOUR.getSeconds()));
        }
    }

    /** The half-hours {@code first..last} (ids from 1 at {@code dayStart}) and their total, null when none is known. */
    public static Footprint of(String assetId, LocalDate date, String zone, String region, Instant dayStart, int first, int last,
            Map<Instant, Double> energyBySlot, Map<Instant, IntensityPeriod> periods) {
        List<HalfHour> halfHours = new ArrayList<>();
        Double total = null;
        for (int id = first; id <= last; id++) {
            HalfHour h = HalfHour.of(id, dayStart.plus(HALF_HOUR.multipliedBy(id - 1)), energyBySlot, periods);
            if (h.footprintG() != null) {
                total = total == null ? h.footprintG() : total + h.footprintG();
            }
            halfHours.add(h);
        }
        return new Footprint(assetId, date, zone, region, halfHours, total);
    }
}

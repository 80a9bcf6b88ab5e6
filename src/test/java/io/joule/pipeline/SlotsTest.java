package io.joule.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** SPEC §3: every row of the table, and the gap rules, with literal numbers. */
class SlotsTest {
    static final SeriesProfile REGULAR_ENERGY = new SeriesProfile(Quantity.ENERGY, Sampling.REGULAR, Duration.ofHours(1));
    static final SeriesProfile REGULAR_POWER = new SeriesProfile(Quantity.POWER, Sampling.REGULAR, Duration.ofHours(1));
    static final SeriesProfile COV_POWER = new SeriesProfile(Quantity.POWER, Sampling.COV, Duration.ofHours(24));
    static final double EPS = 1e-9;

    static Reading r(String hhmm, double value) {
        return new Reading(at(hhmm), value);
    }

    static Instant at(String hhmm) {
        return Instant.parse("2018-08-24T" + hhmm + ":00Z");
    }

    static void assertSlots(List<Slot> actual, Object... startAndKwh) {
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < startAndKwh.length; i += 2) {
            expected.add(startAndKwh[i] + "=" + ((Number) startAndKwh[i + 1]).doubleValue());
        }
        assertEquals(expected.size(), actual.size(), () -> "slots: " + actual);
        for (int i = 0; i < actual.size(); i++) {
            Slot s = actual.get(i);
            assertEquals(at((String) startAndKwh[2 * i]), s.start(), "start of slot " + i);
            assertEquals(((Number) startAndKwh[2 * i + 1]).doubleValue(), s.kwh(), EPS, "kWh of slot " + s.start());
        }
    }

    @Test
    void hourlyEnergyIsSpreadEvenlyAndTheLastCoversOneNominalHour() {
        List<Slot> slots = Slots.computeAll(List.of(r("00:00", 12), r("01:00", 26), r("02:00", 18)), REGULAR_ENERGY);
        assertSlots(slots, "00:00", 3, "00:15", 3, "00:30", 3, "00:45", 3,
                "01:00", 6.5, "01:15", 6.5, "01:30", 6.5, "01:45", 6.5,
                "02:00", 4.5, "02:15", 4.5, "02:30", 4.5, "02:45", 4.5);
    }

    @Test
    void fiveMinutePowerIsIntegratedPerSlot() {
        List<Slot> slots = Slots.computeAll(List.of(r("00:00", 22), r("00:05", 24), r("00:10", 23), r("00:15", 18),
                r("00:20", 22), r("00:25", 23), r("00:30", 8)), REGULAR_POWER);
        assertSlots(slots, "00:00", 5.75, "00:15", 5.25, "00:30", 2.0 / 3);
    }

    @Test
    void quarterHourEnergyIsKeptAsIs() {
        List<Slot> slots = Slots.computeAll(List.of(r("00:00", 2), r("00:15", 5), r("00:30", 2), r("00:45", 6)), REGULAR_ENERGY);
        assertSlots(slots, "00:00", 2, "00:15", 5, "00:30", 2, "00:45", 6);
    }

    @Test
    void fiveMinuteEnergyIsSummedIntoItsSlot() {
        List<Slot> slots = Slots.computeAll(List.of(r("04:00", 2), r("04:05", 1), r("04:10", 6)), REGULAR_ENERGY);
        assertSlots(slots, "04:00", 9);
    }

    @Test
    void quarterHourPowerIsAQuarterOfTheKilowatts() {
        List<Slot> slots = Slots.computeAll(List.of(r("04:00", 230), r("04:15", 120), r("04:30", 650)), REGULAR_POWER);
        assertSlots(slots, "04:00", 57.5, "04:15", 30, "04:30", 162.5);
    }

    @Test
    void offGridEnergyIsSplitByOverlap() {
        List<Slot> slots = Slots.computeAll(List.of(r("00:05", 10), r("00:35", 6)), REGULAR_ENERGY);
        assertSlots(slots, "00:00", 10.0 / 3, "00:15", 5, "00:30", 11.0 / 3, "00:45", 3, "01:00", 1);
    }

    @Test
    void regularReadingBeforeAGapCoversOneNominalIntervalAndTheRestHasNoData() {
        // 30 min cadence, then a 3 h gap: 04:30 covers 30 min, 05:00..07:30 have no rows.
        List<Slot> slots = Slots.computeAll(List.of(r("04:00", 2), r("04:30", 4), r("07:30", 1)), REGULAR_ENERGY);
        assertSlots(slots, "04:00", 1, "04:15", 1, "04:30", 2, "04:45", 2, "07:30", 1);
    }

    @Test
    void anIsolatedReadingCoversFifteenMinutes() {
        List<Slot> slots = Slots.computeAll(List.of(r("04:00", 2), r("06:00", 8)), REGULAR_POWER);
        assertSlots(slots, "04:00", 0.5, "06:00", 2);
    }

    @Test
    void covPowerHoldsUntilTheNextChangeOrMaxGap() {
        SeriesProfile cov = new SeriesProfile(Quantity.POWER, Sampling.COV, Duration.ofMinutes(30));
        // 4 kW from 00:00 to 00:10, -2 kW (discharge) held for max_gap 30 min, then silence.
        List<Slot> slots = Slots.computeAll(List.of(r("00:00", 4), r("00:10", -2)), cov);
        assertSlots(slots, "00:00", 4.0 / 6 - 2.0 / 12, "00:15", -0.5, "00:30", -2.0 / 6);
    }

    @Test
    void covPowerHoldsAcrossSlotsUntilTheNextSample() {
        List<Slot> slots = Slots.computeAll(List.of(r("00:07", 12), r("00:52", 0)), COV_POWER);
        // 12 kW for 45 minutes = 9 kWh; the trailing 0 kW holds for a day of zero slots.
        assertEquals(9.0, slots.stream().mapToDouble(Slot::kwh).sum(), EPS);
        assertSlots(slots.subList(0, 4), "00:00", 1.6, "00:15", 3, "00:30", 3, "00:45", 1.4);
        assertEquals(3 + 97, slots.size(), "00:00..00:30, then 00:45 through 00:45 the next day");
    }

    @Test
    void computeKeepsOnlyTheWindow() {
        List<Reading> readings = List.of(r("00:00", 12), r("01:00", 26), r("02:00", 18));
        List<Slot> slots = Slots.compute(readings, REGULAR_ENERGY, new TimeRange(at("00:45"), at("01:15")));
        assertSlots(slots, "00:45", 3, "01:00", 6.5);
    }

    @Test
    void unsortedReadingsAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> Slots.computeAll(List.of(r("01:00", 1), r("00:00", 1)), REGULAR_ENERGY));
    }

    @Test
    void affectedRangeReachesOneReachBackAndTwoForward() {
        TimeRange range = Slots.affectedBy(at("10:07"), at("10:07"), REGULAR_ENERGY);
        assertEquals(at("09:00"), range.from());
        assertEquals(at("12:15"), range.to());
    }

    @Test
    void readingsFarApartAffectSeparateRanges() {
        List<Reading> written = List.of(new Reading(at("10:07"), 1), new Reading(at("13:14"), 1), new Reading(at("16:30"), 1));
        assertEquals(List.of(new TimeRange(at("09:00"), at("15:15")), new TimeRange(at("15:30"), at("18:30"))),
                Slots.affectedBy(written, REGULAR_ENERGY));
        // the second context starts two reaches back (13:30), inside the first (to 16:15): they are read as one
        assertEquals(List.of(new TimeRange(at("07:00"), at("19:30"))),
                Slots.contextFor(Slots.affectedBy(written, REGULAR_ENERGY), REGULAR_ENERGY));
    }

    @Test
    void aComputationOverItsSlotLimitIsRefusedBeforeItHoldsMore() {
        SeriesProfile cov = new SeriesProfile(Quantity.POWER, Sampling.COV, Duration.ofHours(24));
        // three readings a day apart, each held for 24 h: 288 slots
        List<Reading> days = List.of(new Reading(Instant.parse("2024-01-01T00:00:00Z"), 4), new Reading(Instant.parse("2024-01-02T00:00:00Z"), 4),
                new Reading(Instant.parse("2024-01-03T00:00:00Z"), 4));
        List<TimeRange> windows = Slots.affectedBy(days, cov);
        assertEquals(288, Slots.compute(days, cov, windows, 288).size());
        assertThrows(Slots.TooManySlotsException.class, () -> Slots.compute(days, cov, windows, 287));
    }

    @Test
    void energyReachingTheSlotAtTheEndOfSupportedTimeIsRefusedNotHidden() {
        // The last reading covers one nominal interval, 15 minutes: [23:50, 00:05) would put 3.33 kWh in the 00:00 slot
        List<Reading> late = List.of(new Reading(Instant.parse("9999-12-30T23:50:00Z"), 10));
        Slots.PastSupportedTimeException e = assertThrows(Slots.PastSupportedTimeException.class,
                () -> Slots.computeAll(late, REGULAR_ENERGY));
        assertEquals("The reading at 9999-12-30T23:50:00Z covers time up to 9999-12-31T00:05:00Z, past the end of the supported "
                + "range, 9999-12-31T00:00:00Z, where no answer could show its energy", e.getMessage());
        List<Slot> slots = Slots.computeAll(List.of(new Reading(Instant.parse("9999-12-30T23:45:00Z"), 10)), REGULAR_ENERGY);
        assertEquals(List.of(new Slot(Instant.parse("9999-12-30T23:45:00Z"), 10)), slots);
        // the interval before a regular series' last reading is its nominal one: 22:30, 23:30 covers [23:30, 00:30)
        assertThrows(Slots.PastSupportedTimeException.class, () -> Slots.computeAll(List.of(new Reading(Instant.parse(
                "9999-12-30T22:30:00Z"), 1), new Reading(Instant.parse("9999-12-30T23:30:00Z"), 1)), REGULAR_ENERGY));
        assertThrows(Slots.PastSupportedTimeException.class, () -> Slots.computeAll(
                List.of(new Reading(Instant.parse("9999-12-30T12:00:00Z"), 4)), COV_POWER), "a change-of-value reading holds for a day");
    }

    @Test
    void floorAndCeilAlignToQuarterHours() {
        assertEquals(at("10:00"), Slots.floor(Instant.parse("2018-08-24T10:14:59.999999Z")));
        assertEquals(at("10:15"), Slots.ceil(Instant.parse("2018-08-24T10:00:00.000001Z")));
        assertEquals(at("10:00"), Slots.ceil(at("10:00")));
        assertEquals(Instant.parse("1969-12-31T23:45:00Z"), Slots.floor(Instant.parse("1969-12-31T23:59:00Z")));
    }

    @Test
    void unitsConvertToCanonicalKilowattsAndKilowattHours() {
        assertEquals(1.302, Unit.bySymbol("W").orElseThrow().toCanonical(1302), EPS);
        assertEquals(Quantity.ENERGY, Unit.bySymbol("MWh").orElseThrow().quantity());
        assertEquals(2500, Unit.bySymbol("MW").orElseThrow().toCanonical(2.5), EPS);
        assertEquals(true, Unit.bySymbol("kw").isEmpty());
    }
}

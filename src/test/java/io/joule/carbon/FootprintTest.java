package io.joule.carbon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.joule.carbon.Footprint.HalfHour;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** SPEC §7 with literal numbers; the half-hours of a +05:45 zone straddle two of the grid's. */
class FootprintTest {
    static final Instant MIDNIGHT_UTC = Instant.parse("2019-11-25T00:00:00Z");
    /** Local midnight of 2019-11-25 in Asia/Kathmandu (+05:45). */
    static final Instant MIDNIGHT_KATHMANDU = Instant.parse("2019-11-24T18:15:00Z");

    static IntensityPeriod period(String from, Double forecast, Double actual) {
        Instant start = Instant.parse(from);
        return new IntensityPeriod(start, start.plus(Footprint.HALF_HOUR), forecast, actual, null);
    }

    static Map<Instant, IntensityPeriod> byStart(IntensityPeriod... periods) {
        return Arrays.stream(periods).collect(Collectors.toMap(IntensityPeriod::from, p -> p));
    }

    @Test
    void aHalfHourOnTheGridsHalfHourIsItsEnergyTimesItsIntensity() {
        HalfHour h = HalfHour.of(1, MIDNIGHT_UTC, Map.of(MIDNIGHT_UTC, 1.0, Instant.parse("2019-11-25T00:15:00Z"), 2.0),
                byStart(period("2019-11-25T00:00:00Z", 210.0, 200.0)));
        assertEquals(new HalfHour(1, MIDNIGHT_UTC, Instant.parse("2019-11-25T00:30:00Z"), 3.0, 200.0, "actual", 600.0), h);
    }

    @Test
    void aForecastIsUsedWhereNoActualIsKnownAndSaysSo() {
        HalfHour h = HalfHour.of(1, MIDNIGHT_UTC, Map.of(MIDNIGHT_UTC, 1.5), byStart(period("2019-11-25T00:00:00Z", 300.0, null)));
        assertEquals(300.0, h.intensity());
        assertEquals("forecast", h.intensityType());
        assertEquals(450.0, h.footprintG());
    }

    @Test
    void aHalfHourAcrossTwoOfTheGridsHalfHoursTakesEachSlotsOwnIntensity() {
        // 18:15 - 18:45 UTC: the slot at 18:15 lies in the grid's 18:00 half-hour, the one at 18:30 in its 18:30 one
        Map<Instant, Double> energy = Map.of(MIDNIGHT_KATHMANDU, 1.0, Instant.parse("2019-11-24T18:30:00Z"), 2.0);
        HalfHour h = HalfHour.of(1, MIDNIGHT_KATHMANDU, energy,
                byStart(period("2019-11-24T18:00:00Z", 90.0, 100.0), period("2019-11-24T18:30:00Z", 300.0, null)));
        assertEquals(3.0, h.energyKwh());
        assertEquals(700.0, h.footprintG(), "1 kWh × 100 + 2 kWh × 300");
        assertEquals(200.0, h.intensity(), "the mean of the two half-hours'");
        assertEquals("forecast", h.intensityType(), "actual only when both are");
        assertEquals(Instant.parse("2019-11-24T18:45:00Z"), h.end());
    }

    @Test
    void bothActualIsActualAndExportAndImportNetToZeroEnergyButNotToZeroFootprint() {
        Map<Instant, Double> energy = Map.of(MIDNIGHT_KATHMANDU, -1.0, Instant.parse("2019-11-24T18:30:00Z"), 1.0);
        HalfHour h = HalfHour.of(1, MIDNIGHT_KATHMANDU, energy,
                byStart(period("2019-11-24T18:00:00Z", null, 100.0), period("2019-11-24T18:30:00Z", null, 300.0)));
        assertEquals(0.0, h.energyKwh());
        assertEquals(200.0, h.footprintG(), "-1 kWh × 100 + 1 kWh × 300");
        assertEquals("actual", h.intensityType());
    }

    @Test
    void anAbsentSlotCountsZeroBesideAPresentOne() {
        HalfHour h = HalfHour.of(1, MIDNIGHT_KATHMANDU, Map.of(Instant.parse("2019-11-24T18:30:00Z"), 2.0),
                byStart(period("2019-11-24T18:00:00Z", null, 100.0), period("2019-11-24T18:30:00Z", null, 300.0)));
        assertEquals(2.0, h.energyKwh());
        assertEquals(600.0, h.footprintG());
    }

    @Test
    void withoutTheIntensityOfEitherPartIntensityAndFootprintAreNullNotMadeUp() {
        Map<Instant, Double> energy = Map.of(MIDNIGHT_KATHMANDU, 1.0, Instant.parse("2019-11-24T18:30:00Z"), 2.0);
        HalfHour h = HalfHour.of(1, MIDNIGHT_KATHMANDU, energy, byStart(period("2019-11-24T18:30:00Z", null, 300.0)));
        assertEquals(new HalfHour(1, MIDNIGHT_KATHMANDU, Instant.parse("2019-11-24T18:45:00Z"), 3.0, null, null, null), h);
    }

    @Test
    void aSlotWithoutEnergyNeedsNoIntensity() {
        // the grid's 18:00 half-hour has no intensity, but the half-hour's slot in it has no energy
        HalfHour h = HalfHour.of(1, MIDNIGHT_KATHMANDU, Map.of(Instant.parse("2019-11-24T18:30:00Z"), 2.0),
                byStart(period("2019-11-24T18:30:00Z", 300.0, null)));
        assertEquals(new HalfHour(1, MIDNIGHT_KATHMANDU, Instant.parse("2019-11-24T18:45:00Z"), 2.0, 300.0, "forecast", 600.0), h);
    }

    @Test
    void withoutEnergyTheFootprintIsNullButTheIntensityIsShown() {
        HalfHour h = HalfHour.of(1, MIDNIGHT_KATHMANDU, Map.of(),
                byStart(period("2019-11-24T18:00:00Z", null, 100.0), period("2019-11-24T18:30:00Z", null, 300.0)));
        assertNull(h.energyKwh());
        assertNull(h.footprintG());
        assertEquals(200.0, h.intensity());
    }

    @Test
    void theGridsHalfHourOfAnInstantBefore1970IsTheOneBeforeIt() {
        assertEquals(Instant.parse("1969-12-31T23:30:00Z"), HalfHour.periodStart(Instant.parse("1969-12-31T23:45:00Z")));
        assertEquals(Instant.parse("1900-01-01T00:00:00Z"), HalfHour.periodStart(Instant.parse("1900-01-01T00:15:00Z")));
        assertEquals(Instant.parse("2019-11-24T18:00:00Z"), HalfHour.periodStart(MIDNIGHT_KATHMANDU));
    }

    @Test
    void theTotalIsTheSumOfTheKnownFootprintsAndNullWhenNoneIsKnown() {
        Map<Instant, Double> energy = Map.of(MIDNIGHT_UTC, 1.0, Instant.parse("2019-11-25T00:30:00Z"), 2.0);
        Map<Instant, IntensityPeriod> periods = byStart(period("2019-11-25T00:00:00Z", null, 100.0), period("2019-11-25T00:30:00Z", null, 50.0));
        Footprint day = Footprint.of("a", LocalDate.parse("2019-11-25"), "UTC", "GB", MIDNIGHT_UTC, 1, 3, energy, periods);
        assertEquals(3, day.halfHours().size());
        assertEquals(200.0, day.totalG(), "1 × 100 + 2 × 50; the third half-hour has neither energy nor intensity");
        assertNull(Footprint.of("a", LocalDate.parse("2019-11-25"), "UTC", "GB", MIDNIGHT_UTC, 3, 3, energy, periods).totalG());
    }
}

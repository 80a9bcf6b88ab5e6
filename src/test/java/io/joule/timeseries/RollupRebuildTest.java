package io.joule.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.joule.pipeline.Slot;
import io.joule.pipeline.TimeRange;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RollupRebuildTest {
    static final ZoneId UTC = ZoneId.of("UTC");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static TimeRange range(String from, String to) {
        return new TimeRange(Instant.parse(from), Instant.parse(to));
    }

    /** A slot of 1 kWh every quarter-hour of the ranges. */
    static List<Slot> everySlot(TimeRange... ranges) {
        List<Slot> slots = new ArrayList<>();
        for (TimeRange range : ranges) {
            for (Instant t = range.from(); t.isBefore(range.to()); t = t.plusSeconds(900)) {
                slots.add(new Slot(t, 1));
            }
        }
        return slots;
    }

    /** The rebuild of UTC ranges written with every slot. */
    static RollupRebuild everySlotWritten(TimeRange... ranges) {
        return RollupRebuild.of(UTC, List.of(ranges), everySlot(ranges));
    }

    static List<Instant> starts(List<SlotBuckets.Hour> hours) {
        return hours.stream().map(SlotBuckets.Hour::start).toList();
    }

    @Test
    void theHoursAtARangesEndsAreReadBackAndTheOnesBetweenAreComputed() {
        RollupRebuild rebuild = everySlotWritten(range("2024-05-01T10:15:00Z", "2024-05-01T13:30:00Z"));
        assertEquals(List.of(range("2024-05-01T10:00:00Z", "2024-05-01T14:00:00Z")), rebuild.hours());
        assertEquals(List.of(range("2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z"), range("2024-05-01T13:00:00Z", "2024-05-01T14:00:00Z")),
                rebuild.edgeHours());
        assertEquals(List.of(Instant.parse("2024-05-01T11:00:00Z"), Instant.parse("2024-05-01T12:00:00Z")), starts(rebuild.innerHours()));
        assertEquals(new SlotBuckets.Hour(Instant.parse("2024-05-01T11:00:00Z"), 4, 1, 1, 4), rebuild.innerHours().get(0));
        assertEquals(new TreeSet<>(List.of(LocalDate.of(2024, 5, 1))), rebuild.days());
        assertEquals(rebuild.days(), rebuild.edgeDays(), "a day the range only part covers");
        assertEquals(List.of(), rebuild.innerDays());
    }

    @Test
    void anHourAlignedRangeHasNoEdgeHours() {
        RollupRebuild rebuild = everySlotWritten(range("2024-05-01T10:00:00Z", "2024-05-01T12:00:00Z"));
        assertEquals(List.of(), rebuild.edgeHours());
        assertEquals(List.of(Instant.parse("2024-05-01T10:00:00Z"), Instant.parse("2024-05-01T11:00:00Z")), starts(rebuild.innerHours()));
    }

    @Test
    void aDayWhollyInsideTheRangeIsComputedInTheSeriesZone() {
        // Berlin's 2024-03-31 is 23 hours: 2024-03-30T23:00Z to 2024-03-31T22:00Z
        TimeRange written = range("2024-03-30T20:00:00Z", "2024-04-01T01:00:00Z");
        RollupRebuild rebuild = RollupRebuild.of(BERLIN, List.of(written), everySlot(written));
        assertEquals(new TreeSet<>(List.of(LocalDate.of(2024, 3, 30), LocalDate.of(2024, 3, 31), LocalDate.of(2024, 4, 1))), rebuild.days());
        assertEquals(new TreeSet<>(List.of(LocalDate.of(2024, 3, 30), LocalDate.of(2024, 4, 1))), rebuild.edgeDays());
        assertEquals(List.of(new DailyRollup(LocalDate.of(2024, 3, 31), Instant.parse("2024-03-30T23:00:00Z"),
                Instant.parse("2024-03-31T22:00:00Z"), 92, 1, 1, 1, 92)), rebuild.innerDays());
    }

    @Test
    void twoRangesWithinOneHourShareItAsAnEdge() {
        RollupRebuild rebuild = everySlotWritten(range("2024-05-01T09:00:00Z", "2024-05-01T10:15:00Z"),
                range("2024-05-01T10:45:00Z", "2024-05-01T12:00:00Z"));
        assertEquals(List.of(range("2024-05-01T09:00:00Z", "2024-05-01T12:00:00Z")), rebuild.hours());
        assertEquals(List.of(range("2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z")), rebuild.edgeHours());
        assertEquals(List.of(Instant.parse("2024-05-01T09:00:00Z"), Instant.parse("2024-05-01T11:00:00Z")), starts(rebuild.innerHours()));
    }

    @Test
    void anInnerHourWithoutSlotsHasNoRow() {
        TimeRange written = range("2024-05-01T10:00:00Z", "2024-05-01T13:00:00Z");
        List<Slot> slots = everySlot(range("2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z"), range("2024-05-01T12:00:00Z", "2024-05-01T13:00:00Z"));
        RollupRebuild rebuild = RollupRebuild.of(UTC, List.of(written), slots);
        assertEquals(List.of(Instant.parse("2024-05-01T10:00:00Z"), Instant.parse("2024-05-01T12:00:00Z")), starts(rebuild.innerHours()));
    }

    @Test
    void edgeHoursSideBySideStayOneHourEach() {
        // each is labelled by its start when read back, so none may hold two hours
        RollupRebuild rebuild = everySlotWritten(range("2024-05-01T09:00:00Z", "2024-05-01T10:15:00Z"),
                range("2024-05-01T11:30:00Z", "2024-05-01T13:00:00Z"));
        assertEquals(List.of(range("2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z"), range("2024-05-01T11:00:00Z", "2024-05-01T12:00:00Z")),
                rebuild.edgeHours());
        assertEquals(List.of(Instant.parse("2024-05-01T09:00:00Z"), Instant.parse("2024-05-01T12:00:00Z")), starts(rebuild.innerHours()));
    }

    @Test
    void withoutComputedSlotsOrWithSlotsOutOfOrderOrOutsideTheRangesEveryBucketIsReadBack() {
        TimeRange written = range("2024-05-01T10:00:00Z", "2024-05-01T13:00:00Z");
        List<Slot> backwards = new ArrayList<>(everySlot(written));
        Collections.reverse(backwards);
        List<Slot> beyond = new ArrayList<>(everySlot(written));
        beyond.add(new Slot(Instant.parse("2024-05-01T13:00:00Z"), 1));
        for (RollupRebuild rebuild : List.of(RollupRebuild.of(UTC, List.of(written), null), RollupRebuild.of(UTC, List.of(written), backwards),
                RollupRebuild.of(UTC, List.of(written), beyond))) {
            assertEquals(List.of(range("2024-05-01T10:00:00Z", "2024-05-01T11:00:00Z"), range("2024-05-01T11:00:00Z", "2024-05-01T12:00:00Z"),
                    range("2024-05-01T12:00:00Z", "2024-05-01T13:00:00Z")), rebuild.edgeHours());
            assertEquals(rebuild.days(), rebuild.edgeDays());
            assertEquals(List.of(), rebuild.innerHours());
            assertEquals(List.of(), rebuild.innerDays());
        }
    }
}

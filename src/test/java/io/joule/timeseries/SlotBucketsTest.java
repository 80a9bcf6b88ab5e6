package io.joule.timeseries;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.joule.pipeline.Slot;
import io.joule.time.Zones;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rollups the rollup tables' SQL would write for a run of slots, with literals. */
class SlotBucketsTest {
    static final ZoneId ST_JOHNS = ZoneId.of("America/St_Johns");

    @Test
    void hoursAreUtcAndDaysAreLocalEachSummedFromItsSlots() {
        SlotBuckets buckets = new SlotBuckets(ZoneId.of("Asia/Kolkata"));
        // Kolkata's 2030-01-02 starts at 2030-01-01T18:30Z, inside the UTC hour 18:00
        for (String[] s : new String[][] {{"2030-01-01T18:00:00Z", "0.1"}, {"2030-01-01T18:15:00Z", "0.2"}, {"2030-01-01T18:30:00Z", "0.3"},
                {"2030-01-01T18:45:00Z", "0.4"}, {"2030-01-01T19:00:00Z", "0.5"}}) {
            buckets.add(new Slot(Instant.parse(s[0]), Double.parseDouble(s[1])));
        }
        buckets.finish();
        assertEquals(List.of(new SlotBuckets.Hour(Instant.parse("2030-01-01T18:00:00Z"), 1.0, 0.1, 0.4, 4),
                new SlotBuckets.Hour(Instant.parse("2030-01-01T19:00:00Z"), 0.5, 0.5, 0.5, 1)), buckets.hours());
        assertEquals(List.of(
                new DailyRollup(LocalDate.parse("2030-01-01"), Instant.parse("2029-12-31T18:30:00Z"), Instant.parse("2030-01-01T18:30:00Z"),
                        0.30000000000000004, 0.1, 0.2, 0.15000000000000002, 2),
                new DailyRollup(LocalDate.parse("2030-01-02"), Instant.parse("2030-01-01T18:30:00Z"), Instant.parse("2030-01-02T18:30:00Z"),
                        1.2, 0.3, 0.5, 0.39999999999999997, 3)), buckets.days());
    }

    /** St John's 2006-10-29 starts at 02:30Z; at 02:31Z the clock went back to 23:01 of the 28th, so 02:45Z reads 23:15 on the 28th. */
    @Test
    void aSlotBelongsToTheDayWhoseBoundsHoldItNotToItsLocalDate() {
        assertEquals(LocalDate.parse("2006-10-28"), Instant.parse("2006-10-29T02:45:00Z").atZone(ST_JOHNS).toLocalDate());
        assertEquals(LocalDate.parse("2006-10-29"), Zones.dayOf(Instant.parse("2006-10-29T02:45:00Z"), ST_JOHNS));
        assertEquals(LocalDate.parse("2006-10-28"), Zones.dayOf(Instant.parse("2006-10-29T02:15:00Z"), ST_JOHNS));
        assertEquals(LocalDate.parse("2006-10-29"), Zones.dayOf(Instant.parse("2006-10-29T02:30:00Z"), ST_JOHNS));
        assertEquals(LocalDate.parse("2006-10-30"), Zones.dayOf(Instant.parse("2006-10-30T03:30:00Z"), ST_JOHNS));

        SlotBuckets buckets = new SlotBuckets(ST_JOHNS);
        for (String t : new String[] {"2006-10-29T02:15:00Z", "2006-10-29T02:30:00Z", "2006-10-29T02:45:00Z", "2006-10-29T03:15:00Z",
                "2006-10-29T03:30:00Z"}) {
            buckets.add(new Slot(Instant.parse(t), 1.0));
        }
        buckets.finish();
        assertEquals(List.of("2006-10-28|1", "2006-10-29|4"), buckets.days().stream().map(d -> d.date() + "|" + d.slots()).toList());
        assertEquals(Instant.parse("2006-10-29T02:30:00Z"), buckets.days().get(1).start());
        assertEquals(Instant.parse("2006-10-30T03:30:00Z"), buckets.days().get(1).end());
    }

    @Test
    void aSlotThatDoesNotStartLaterIsRefused() {
        SlotBuckets buckets = new SlotBuckets(Zones.UTC);
        buckets.add(new Slot(Instant.parse("2030-01-01T10:00:00Z"), 1));
        assertFalse(buckets.add(new Slot(Instant.parse("2030-01-01T10:00:00Z"), 2)));
        assertFalse(buckets.add(new Slot(Instant.parse("2030-01-01T09:45:00Z"), 2)));
        assertEquals(1, buckets.finish().hours().get(0).slots());
    }
}

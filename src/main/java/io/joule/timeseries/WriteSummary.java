package io.joule.timeseries;

import java.time.Instant;

/** What one write did: readings stored, slots rewritten, and the span [from, to) of the slot ranges recomputed around its readings. */
public record WriteSummary(long seriesId, int readings, int slotsWritten, Instant from, Instant to) {
}

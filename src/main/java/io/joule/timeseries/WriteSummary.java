package io.joule.timeseries;

import java.time.Instant;

/** What one write did: readings stored, slots rewritten, and the slot range recomputed. */
public record WriteSummary(long seriesId, int readings, int slotsWritten, Instant from, Instant to) {
}

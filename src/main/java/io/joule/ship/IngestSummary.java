package io.joule.ship;

import java.time.Instant;

/** The answer to POST /data: readings stored, slots written, and the span [from, to) of the slot ranges recomputed. */
public record IngestSummary(long spaceshipId, int readings, int slotsWritten, Instant from, Instant to) {
}

package io.joule.ship;

import java.time.Instant;

/** The answer to POST /data: readings stored and the slot range [from, to) recomputed. */
public record IngestSummary(long spaceshipId, int readings, int slotsWritten, Instant from, Instant to) {
}

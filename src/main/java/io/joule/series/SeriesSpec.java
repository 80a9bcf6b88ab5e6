package io.joule.series;

import io.joule.pipeline.Quantity;
import io.joule.pipeline.Sampling;
import io.joule.pipeline.SeriesProfile;
import java.time.Duration;
import java.time.ZoneId;

/** How a series is registered on its first write. */
public record SeriesSpec(SeriesKind kind, String key, ZoneId zone, Quantity quantity, Sampling sampling, Duration maxGap) {

    /** Ships: UTC, regular, max_gap 1 h (the foundation issue). */
    public static SeriesSpec ship(long spaceshipId, Quantity quantity) {
        return new SeriesSpec(SeriesKind.SHIP, Long.toString(spaceshipId), ZoneId.of("UTC"), quantity,
                Sampling.REGULAR, Duration.ofHours(1));
    }

    public SeriesProfile profile() {
        return new SeriesProfile(quantity, sampling, maxGap);
    }
}

package io.joule.series;

import io.joule.pipeline.Quantity;
import io.joule.pipeline.Sampling;
import io.joule.pipeline.SeriesProfile;
import java.time.Duration;
import java.time.ZoneId;

/** How a series is registered on its first write. */
public record SeriesSpec(SeriesKind kind, String key, ZoneId zone, Quantity quantity, Sampling sampling, Duration maxGap) {
    /** SPEC §1 defaults: 1 h for regular series, 24 h for change-of-value (and irregular) ones. */
    static final Duration REGULAR_MAX_GAP = Duration.ofHours(1);
    static final Duration COV_MAX_GAP = Duration.ofHours(24);

    /** Ships: UTC, regular, max_gap 1 h (the foundation issue). */
    public static SeriesSpec ship(long spaceshipId, Quantity quantity) {
        return new SeriesSpec(SeriesKind.SHIP, Long.toString(spaceshipId), ZoneId.of("UTC"), quantity,
                Sampling.REGULAR, REGULAR_MAX_GAP);
    }

    /** Water level sensors: levels at arbitrary times, no 15-minute energy. */
    public static SeriesSpec sensor(String sensorId, ZoneId zone) {
        return new SeriesSpec(SeriesKind.SENSOR, sensorId, zone, Quantity.OTHER, Sampling.IRREGULAR, COV_MAX_GAP);
    }

    /** Grid assets: change-of-value signed kW, a value holding until the next one, at most a day (SPEC §1). */
    public static SeriesSpec asset(String assetId) {
        return new SeriesSpec(SeriesKind.ASSET, assetId, ZoneId.of("UTC"), Quantity.POWER, Sampling.COV, COV_MAX_GAP);
    }

    /**
     * A meter channel: interval data (LP, TOU-2018) is regular, its kWh channels feeding slots;
     * TOU-2015 registers are snapshots.
     */
    public static SeriesSpec meterChannel(String key, ZoneId zone, boolean intervalData, boolean energy) {
        return new SeriesSpec(SeriesKind.METER, key, zone, energy && intervalData ? Quantity.ENERGY : Quantity.OTHER,
                intervalData ? Sampling.REGULAR : Sampling.IRREGULAR, intervalData ? REGULAR_MAX_GAP : COV_MAX_GAP);
    }

    public SeriesProfile profile() {
        return new SeriesProfile(quantity, sampling, maxGap);
    }
}

package io.joule.timeseries;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How Joule uses TimescaleDB where the database offers it (env JOULE_TIMESCALE_*). */
@ConfigMapping(prefix = "joule.timescale")
public interface TimescaleConfig {

    /** Serve statistics and rankings from continuous aggregates when the database has them; false keeps the rollup tables. */
    @WithDefault("true")
    boolean aggregates();

    /** How often pending slot ranges are materialized into the continuous aggregates (a Quarkus duration: 2s, 1m). */
    @WithDefault("2s")
    String refreshInterval();

    /** Whether readings and slots are moved to the columnstore by policy. */
    @WithDefault("true")
    boolean compression();

    /** The age after which a chunk of readings or slots is compressed (ISO-8601: P30D, PT12H). */
    @WithDefault("P30D")
    Duration compressAfter();

    /** The age after which a chunk of the continuous aggregates (hours and days of slots and readings) is compressed (ISO-8601). */
    @WithDefault("P30D")
    Duration aggregateCompressAfter();
}

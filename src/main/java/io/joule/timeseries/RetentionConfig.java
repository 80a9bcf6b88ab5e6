package io.joule.timeseries;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

/**
 * Opt-in retention of raw readings per series kind ({@code joule.retention.readings.meter=P400D},
 * env {@code JOULE_RETENTION_READINGS_METER}). Kinds not named keep their readings for ever; the
 * 15-minute slots and their statistics are kept either way.
 */
@ConfigMapping(prefix = "joule.retention")
public interface RetentionConfig {

    /** Series kind (ship, meter, sensor, asset, grid) to the age after which its readings are deleted. */
    Map<String, Duration> readings();

    /** How often the retention job runs (a Quarkus duration). */
    @WithDefault("1h")
    String interval();
}
